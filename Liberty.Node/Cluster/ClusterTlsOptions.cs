namespace Liberty.Node.Cluster;

/// <summary>
/// Mutual TLS on the cluster port (section <c>Cluster:Tls</c>): each node presents its own certificate, and accepts
/// only peers whose certificate was issued by <see cref="Authority"/>. Off while <see cref="Certificate"/> is empty.
/// docs/operating.md ("Securing the cluster port") shows how to make the certificates.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>This node's certificate with its private key, a PKCS#12 file (<c>.pfx</c>); relative paths from the working directory.</summary>
    public string? Certificate { get; set; }

    /// <summary>The password of <see cref="Certificate"/>; empty for none. Prefer the environment (<c>LIBERTY__Cluster__Tls__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>The fleet's certificate authority (PEM): peers must present a certificate it issued.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether TLS is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Certificate);

    /// <summary>Checks the files exist.</summary>
    /// <returns>Problems naming their setting.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(Authority))
            {
                problems.Add("Cluster:Tls:Certificate: required when Cluster:Tls:Authority is set (this node's own certificate).");
            }
            return problems;
        }
        if (!File.Exists(Certificate))
        {
            problems.Add($"Cluster:Tls:Certificate: the file '{Path.GetFullPath(Certificate!)}' does not exist.");
        }
        if (string.IsNullOrWhiteSpace(Authority))
        {
            problems.Add("Cluster:Tls:Authority: required with a certificate (the PEM of the authority that issues the fleet's certificates).");
        }
        else if (!File.Exists(Authority))
        {
            problems.Add($"Cluster:Tls:Authority: the file '{Path.GetFullPath(Authority)}' does not exist.");
        }
        return problems;
    }
}
