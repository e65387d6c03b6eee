using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liberty.Tests.Cluster;

/// <summary>A certificate authority made for a test, and node certificates it issues (PKCS#12 files with a password).</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "test-password";

    private readonly string _folder;
    private readonly X509Certificate2 _authority;

    public TestCertificates(string folder, string name)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        AuthorityPem = Path.Combine(folder, name + ".pem");
        File.WriteAllText(AuthorityPem, _authority.ExportCertificatePem());
    }

    /// <summary>The authority's certificate (PEM file).</summary>
    public string AuthorityPem { get; }

    /// <summary>Issues a node certificate for client and server authentication; returns the .pfx path.</summary>
    public string Issue(string node)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={node}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(300), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        var path = Path.Combine(_folder, node + ".pfx");
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pfx, Password));
        return path;
    }

    public void Dispose() => _authority.Dispose();
}
