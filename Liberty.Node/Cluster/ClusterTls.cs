using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;

namespace Liberty.Node.Cluster;

/// <summary>
/// Mutual TLS for the cluster port: this node presents its certificate and accepts a peer only when the peer's
/// certificate chains to the fleet's authority (not the machine's trust store). A refused peer is logged once per
/// connection attempt with what was wrong.
/// </summary>
internal static class ClusterTls
{
    /// <summary>Loads the certificate and the authority and builds Akka's TLS setup.</summary>
    /// <param name="options">Validated, enabled TLS options.</param>
    /// <param name="logger">Where refusals are logged.</param>
    /// <param name="setup">The setup to add to the actor system.</param>
    /// <param name="error">Why the files could not be used.</param>
    /// <returns>Whether the setup was built.</returns>
    public static bool TryCreate(ClusterTlsOptions options, ILogger logger, out DotNettySslSetup setup, out string error)
    {
        setup = null!;
        X509Certificate2 certificate;
        X509Certificate2 authority;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Certificate!, options.Password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            error = $"Cluster:Tls:Certificate: cannot read '{options.Certificate}' as a PKCS#12 file with the given password: {e.Message}";
            return false;
        }
        if (!certificate.HasPrivateKey)
        {
            error = $"Cluster:Tls:Certificate: '{options.Certificate}' holds no private key.";
            return false;
        }
        try
        {
            authority = X509Certificate2.CreateFromPem(File.ReadAllText(options.Authority!));
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            error = $"Cluster:Tls:Authority: cannot read '{options.Authority}' as a PEM certificate: {e.Message}";
            return false;
        }
        setup = new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false,
            customValidator: (peer, _, remote, _, _) => Accepts(peer, authority, remote, logger));
        error = "";
        return true;
    }

    private static bool Accepts(X509Certificate2? peer, X509Certificate2 authority, string? remote, ILogger logger)
    {
        if (peer is null)
        {
            ClusterLog.TlsRefused(logger, remote ?? "?", "it presented no certificate");
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(peer))
        {
            return true;
        }
        var why = string.Join("; ", chain.ChainStatus.Select(static s => s.StatusInformation.Trim()).Where(static s => s.Length > 0).Distinct());
        ClusterLog.TlsRefused(logger, remote ?? "?", $"its certificate '{peer.Subject}' (issuer '{peer.Issuer}') was not issued by the fleet's authority '{authority.Subject}' ({why})");
        return false;
    }
}
