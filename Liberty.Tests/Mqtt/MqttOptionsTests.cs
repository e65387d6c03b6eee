using Liberty.Devices.Drivers.Mqtt;
using Liberty.Node.Hosting;
using Microsoft.Extensions.Configuration;

namespace Liberty.Tests.Mqtt;

public sealed class MqttOptionsTests
{
    private static IReadOnlyList<string> Bind(params (string Key, string Value)[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "liberty-mqtt-options-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(static s => KeyValuePair.Create(s.Key, (string?)s.Value)).Append(KeyValuePair.Create("Node:DataFolder", (string?)data)))
                .Build();
            return NodeConfiguration.Bind(configuration, out _);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public void Defaults_Valid_AndOff()
    {
        var options = new MqttOptions();

        Assert.Empty(options.Validate());
        Assert.False(options.IsEnabled);
        Assert.Equal("liberty-gw1", options.ClientIdFor("gw1"));
    }

    [Fact]
    public void Bind_GoodSection_NoProblems()
    {
        Assert.Empty(Bind(("Mqtt:Broker:Host", "broker.lan"), ("Mqtt:Broker:Port", "8883"), ("Mqtt:Broker:UseTls", "true"),
            ("Mqtt:Broker:Username", "liberty"), ("Mqtt:Broker:Password", "secret"), ("Mqtt:HomeAssistant:PublishDevices", "true")));
    }

    [Fact]
    public void Bind_BadValues_EachProblemNamesItsSetting()
    {
        var problems = Bind(("Mqtt:Broker:Host", "bad host!"), ("Mqtt:Broker:Port", "0"), ("Mqtt:ReconnectMinDelay", "00:00:10"), ("Mqtt:ReconnectMaxDelay", "00:00:05"),
            ("Mqtt:OutboxCapacity", "0"), ("Mqtt:Zigbee2Mqtt:BaseTopic", "z2m/#"), ("Mqtt:EmbeddedBroker:Enabled", "true"), ("Mqtt:EmbeddedBroker:Listen", "localhost"),
            ("Mqtt:Broker:Password", "no-user"));

        foreach (var setting in new[] { "Mqtt:Broker:Host", "Mqtt:Broker:Port", "Mqtt:ReconnectMaxDelay", "Mqtt:OutboxCapacity", "Mqtt:Zigbee2Mqtt:BaseTopic", "Mqtt:EmbeddedBroker:Listen", "Mqtt:Broker:Password" })
        {
            Assert.Contains(problems, p => p.StartsWith(setting + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bind_UnknownKey_Refused()
    {
        Assert.Contains(Bind(("Mqtt:Brokr:Host", "x")), p => p.StartsWith("Mqtt:", StringComparison.Ordinal) && p.Contains("Brokr", StringComparison.Ordinal));
    }

    [Fact]
    public void OperatingGuide_MqttExamples_BindWithoutProblems()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operating.md"));
        var section = guide[guide.IndexOf("## MQTT devices", StringComparison.Ordinal)..guide.IndexOf("## The management API", StringComparison.Ordinal)];
        var examples = section.Split("```json")[1..].Select(static block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();

        Assert.Equal(4, examples.Count);
        foreach (var json in examples)
        {
            var data = Path.Combine(Path.GetTempPath(), "liberty-mqtt-guide-" + Guid.NewGuid().ToString("N"));
            try
            {
                var configuration = new ConfigurationBuilder()
                    .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
                    .AddInMemoryCollection([KeyValuePair.Create("Node:DataFolder", (string?)data)])
                    .Build();
                Assert.Empty(NodeConfiguration.Bind(configuration, out var options));
                Assert.True(options.Mqtt.IsEnabled, json);
            }
            finally
            {
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LibertyCluster.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("LibertyCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
