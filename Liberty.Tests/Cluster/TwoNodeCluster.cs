using Liberty.Devices.Model;

namespace Liberty.Tests.Cluster;

/// <summary>
/// A two-member cluster shared by the specs that leave it intact: node "a" (lights) and node "b" (a switch).
/// Each spec uses its own devices so they do not depend on each other's state.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    internal ClusterTestNode A { get; private set; } = null!;

    internal ClusterTestNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await ClusterTestNode.StartAsync("a", null, devices:
        [
            ClusterTestNode.Simulated("lamp-sub", "on-off-light"),
            ClusterTestNode.Simulated("lamp-cmd", "on-off-light"),
        ]);
        B = await ClusterTestNode.StartAsync("b", A.Address, devices: [ClusterTestNode.Simulated("button", "switch")]);
        await A.UpAsync();
        await B.UpAsync();
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }

    internal static long Id(string fullName) => DeviceId.ComputeNumericId(fullName);
}
