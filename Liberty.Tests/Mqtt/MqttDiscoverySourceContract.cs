using Liberty.Devices.Drivers.Mqtt;

namespace Liberty.Tests.Mqtt;

/// <summary>
/// What every discovery source promises: an announcement becomes devices with the types and clusters apps select, a
/// malformed one is an error that changes nothing, a withdrawal announces no devices under the same key, and other
/// topics are not its business.
/// </summary>
public abstract class MqttDiscoverySourceContract
{
    private protected abstract IMqttDiscoverySource Create();

    /// <summary>A valid announcement (messages in order; the last one's discovery is checked).</summary>
    private protected abstract MqttMessage[] Announcement { get; }

    /// <summary>What it announces: local name, device type, clusters.</summary>
    private protected abstract (string Name, int Type, int[] Clusters)[] Expected { get; }

    private protected abstract MqttMessage Malformed { get; }

    private protected abstract MqttMessage Withdrawal { get; }

    private protected abstract MqttMessage Unrelated { get; }

    private MqttDiscovery Announce(IMqttDiscoverySource source)
    {
        MqttDiscovery? last = null;
        foreach (var message in Announcement)
        {
            Assert.True(source.TryDiscover(message, out var discovery), $"{message.Topic} is an announcement of {source.Name}");
            last = discovery;
        }
        return last!;
    }

    [Fact]
    public void TryDiscover_Announcement_DevicesWithTypesAndClusters()
    {
        var discovery = Announce(Create());

        Assert.Null(discovery.Error);
        Assert.Equal(Expected.Select(static e => (e.Name, e.Type, string.Join(",", e.Clusters))),
            discovery.Devices.Select(static d => (d.LocalName, d.DeviceType, string.Join(",", d.Clusters))));
        Assert.All(discovery.Devices, d => Assert.NotEmpty(d.Topics));
    }

    [Fact]
    public void TryDiscover_Malformed_ErrorAndNoDevices()
    {
        var source = Create();

        Assert.True(source.TryDiscover(Malformed, out var discovery));

        Assert.NotNull(discovery.Error);
        Assert.Empty(discovery.Devices);
    }

    [Fact]
    public void TryDiscover_Withdrawal_SameKeyNoDevices()
    {
        var source = Create();
        var announced = Announce(source);

        Assert.True(source.TryDiscover(Withdrawal, out var withdrawn));

        Assert.Null(withdrawn.Error);
        Assert.Equal(announced.Key, withdrawn.Key);
        Assert.Empty(withdrawn.Devices);
    }

    [Fact]
    public void TryDiscover_UnrelatedTopic_NotThisSource()
    {
        Assert.False(Create().TryDiscover(Unrelated, out _));
    }

    [Fact]
    public void Subscriptions_CoverTheAnnouncementTopics()
    {
        var source = Create();

        Assert.All(Announcement, m => Assert.Contains(source.Subscriptions, f => Covers(f, m.Topic)));
    }

    private static bool Covers(string filter, string topic)
    {
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }
            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }
        return f.Length == t.Length;
    }
}
