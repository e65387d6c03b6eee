namespace Liberty.Tests.Cluster;

/// <summary>
/// The cluster port refuses strangers, with real processes: mutual TLS lets in only certificates of the fleet's
/// authority, and a node configured with another cluster name cannot join. Both say why in the log.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterSecurityProcessTests
{
    private const string Password = "test-password";

    [Fact]
    public async Task MutualTls_CertificateOfAnotherAuthority_IsRefusedWithAClearLogLine()
    {
        await using var cluster = NodeCluster.Create(3);
        var (a, b, c) = (cluster.Members[0], cluster.Members[1], cluster.Members[2]);
        var folder = Directory.CreateTempSubdirectory("liberty-tls-").FullName;
        try
        {
            // The certificates are made the way docs/operating.md tells operators to.
            var fleet = Path.Combine(folder, "fleet");
            var rogue = Path.Combine(folder, "rogue");
            await MakeCertificatesAsync(fleet, null, "n1", "n2");
            await MakeCertificatesAsync(rogue, "Rogue CA", "n3");
            var authority = Path.Combine(fleet, "fleet-ca.pem");
            await Task.WhenAll(
                a.StartAsync(Tls(Path.Combine(fleet, "n1.pfx"), authority)),
                b.StartAsync(Tls(Path.Combine(fleet, "n2.pfx"), authority)));
            await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(60), a, b);
            Assert.All(NodeCluster.Views(await a.ClusterAsync()), m => Assert.StartsWith("akka.ssl.tcp://", m.Address, StringComparison.Ordinal));

            // n3 trusts the fleet but presents a certificate another authority issued.
            await c.StartAsync(Tls(Path.Combine(rogue, "n3.pfx"), authority));
            await ClusterMembershipProcessTests.AwaitLogAsync(a, "its certificate 'CN=n3' (issuer 'CN=Rogue CA') was not issued by the fleet's authority 'CN=Liberty fleet CA'", TimeSpan.FromSeconds(30));
            await ClusterMembershipProcessTests.AwaitLogAsync(c, "not joined after", TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(NodeCluster.Views(await a.ClusterAsync()), m => m.Node == "n3");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MakeCertificatesAsync(string folder, string? authorityName, params string[] nodes)
    {
        var script = Hosting.NodeConfigurationTests.FindRepoFile("cluster-config/make-certificates.sh");
        var info = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, folder }.Concat(nodes))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["PFX_PASSWORD"] = Password;
        if (authorityName is not null)
        {
            info.Environment["CA_NAME"] = authorityName;
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"make-certificates.sh failed ({process.ExitCode}): {output}");
    }

    [Fact]
    public async Task AnotherClusterName_CannotJoin_AndSaysWhatToCheck()
    {
        await using var cluster = NodeCluster.Create(2, seedCount: 1);
        var (a, b) = (cluster.Members[0], cluster.Members[1]);
        await a.StartAsync();
        var config = Path.Combine(Path.GetTempPath(), "liberty-other-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(config, """{ "Cluster": { "Name": "other" } }""");
        try
        {
            await b.StartAsync("--config", config);
            await ClusterMembershipProcessTests.AwaitLogAsync(b, "with the same cluster name 'other'", TimeSpan.FromSeconds(30));
            Assert.Equal(["n1"], NodeCluster.Views(await a.ClusterAsync()).Select(static m => m.Node));
            // The seed says what it dropped and for which cluster.
            await ClusterMembershipProcessTests.AwaitLogAsync(a, "for non-local recipient [[akka.tcp://other@", TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static string[] Tls(string certificate, string authority) =>
    [
        "--config", WriteConfig(certificate, authority),
    ];

    private static string WriteConfig(string certificate, string authority)
    {
        var path = Path.ChangeExtension(certificate, ".json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { Cluster = new { Tls = new { Certificate = certificate, Password = Password, Authority = authority } } }));
        return path;
    }
}
