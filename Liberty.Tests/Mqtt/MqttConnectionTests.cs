using Liberty.Devices.Drivers.Mqtt;
using Liberty.Tests.Support;

namespace Liberty.Tests.Mqtt;

/// <summary>The connection's behaviour with no broker: the node keeps going, retries with back-off on virtual time, logs once.</summary>
public sealed class MqttConnectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BrokerDown_RetriesWithBackOff_LogsTheFailureOnce()
    {
        var clock = new ManualTimeProvider();
        var logs = new CapturingLoggerFactory(output);
        var options = new MqttOptions { ReconnectMinDelay = TimeSpan.FromSeconds(1), ReconnectMaxDelay = TimeSpan.FromSeconds(8) };
        // A port nothing listens on: every attempt is refused at once.
        var port = MosquittoBroker.FreePort();
        var connection = new MqttConnection(options, "127.0.0.1", port, "test", clock, logs.CreateLogger("mqtt"));
        await using (connection)
        {
            connection.Start();
            // Each attempt fails, then waits its back-off on the manual clock: 1, 2, 4, 8, 8 s.
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
                while (connection.Failures < attempt)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"attempt {attempt} did not happen (failures {connection.Failures})");
                    await Task.Delay(5);
                    clock.Advance(TimeSpan.FromMilliseconds(500));
                }
            }

            Assert.False(connection.IsConnected);
            Assert.Equal(0, connection.Connects);
            Assert.Single(logs.With(2302));
            Assert.Contains($"127.0.0.1:{port}", logs.With(2302)[0], StringComparison.Ordinal);
            Assert.True(connection.TryPublish(new MqttMessage("a/b", "queued while down")), "the outbox takes messages while the broker is down");
        }
    }

    [Fact]
    public async Task OutboxFull_RefusedCountedAndLoggedOnce()
    {
        var logs = new CapturingLoggerFactory(output);
        var options = new MqttOptions { OutboxCapacity = 2 };
        await using var connection = new MqttConnection(options, "127.0.0.1", MosquittoBroker.FreePort(), "test", new ManualTimeProvider(), logs.CreateLogger("mqtt"));

        var accepted = Enumerable.Range(0, 5).Select(i => connection.TryPublish(new MqttMessage("t", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        Assert.Equal([true, true, false, false, false], accepted);
        Assert.Equal(3, connection.Refused);
        Assert.Single(logs.With(2304));
    }
}
