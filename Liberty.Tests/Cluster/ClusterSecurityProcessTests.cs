namespace Liberty.Tests.Cluster;

/// <summary>
/// The cluster port refuses strangers, with real processes: mutual TLS lets in only certificates of the fleet's
/// authority, and a node configured with another cluster name cannot join. Both say why in the log.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterSecurityProcessTests
{
    [Fact]
    public async Task MutualTls_CertificateOfAnotherAuthority_IsRefusedWithAClearLogLine()
    {
        await using var cluster = NodeCluster.Create(3);
        var (a, b, c) = (cluster.Members[0], cluster.Members[1], cluster.Members[2]);
        var folder = Path.Combine(Path.GetTempPath(), "liberty-tls-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var fleet = new TestCertificates(Path.Combine(folder, "fleet"), "Fleet CA");
            using var rogue = new TestCertificates(Path.Combine(folder, "rogue"), "Rogue CA");
            await Task.WhenAll(
                a.StartAsync(Tls(fleet.Issue("n1"), fleet.AuthorityPem)),
                b.StartAsync(Tls(fleet.Issue("n2"), fleet.AuthorityPem)));
            await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(60), a, b);

            // n3 trusts the fleet but presents a certificate the fleet did not issue.
            await c.StartAsync(Tls(rogue.Issue("n3"), fleet.AuthorityPem));
            await ClusterMembershipProcessTests.AwaitLogAsync(a, "its certificate 'CN=n3' (issuer 'CN=Rogue CA') was not issued by the fleet's authority 'CN=Fleet CA'", TimeSpan.FromSeconds(30));
            await ClusterMembershipProcessTests.AwaitLogAsync(c, "not joined after", TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(NodeCluster.Views(await a.ClusterAsync()), m => m.Node == "n3");
            Assert.False((await c.ClusterAsync()).GetProperty("joined").GetBoolean());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { Cluster = new { Tls = new { Certificate = certificate, Password = TestCertificates.Password, Authority = authority } } }));
        return path;
    }
}
