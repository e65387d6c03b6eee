using System.Runtime.Serialization;
using Akka.Actor;
using Liberty.Actors.Serialization;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Cluster;
using Liberty.Tests.Support;

namespace Liberty.Tests.Cluster;

public class RemoteMessageSerializerTests(ITestOutputHelper output) : LibertyTestKit(output, configure: o => o.Config = RemoteMessageSerializer.Config)
{
    private static readonly DeviceId Lamp = DeviceId.Create("a", "lamp");
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 30, 0, TimeSpan.Zero);

    private static readonly DeviceSnapshot Snapshot = new(
        new DeviceInfo(Lamp, DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level], "simulated/dimmable-light"),
        Ok: true,
        At,
        [
            new AttributeReading(ClusterIds.OnOff, AttributeIds.OnOff.State, AttributeValue.FromBoolean(true), At),
            new AttributeReading(ClusterIds.Level, AttributeIds.Level.CurrentLevel, AttributeValue.FromInt64(200), At, Restored: true),
        ]);

    private static readonly DeviceCommand Command = new(ClusterIds.Level, CommandIds.Level.MoveToLevel, [AttributeValue.FromInt64(128), AttributeValue.FromDouble(2.0)], EventSource.AppEngine, 7);

    private static readonly AttributeWrite Write = new(ClusterIds.Thermostat, new Dictionary<int, AttributeValue> { [0x11] = AttributeValue.FromInt64(2600), [0x1C] = AttributeValue.FromString("heat") }, EventSource.ManualRemote);

    public static TheoryData<object> Messages() =>
    [
        DeviceEvent.ForCommand(Lamp.Value, ClusterIds.Level, CommandIds.Level.MoveToLevel, [AttributeValue.FromInt64(10), AttributeValue.Null, AttributeValue.FromDouble(0.5)], EventSource.AppEngine),
        DeviceEvent.ForReport(Lamp.Value, ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromBoolean(false) }, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromBoolean(false) }, EventSource.Report, ok: false),
        Snapshot,
        new SendDeviceCommand(Command, ReplyWithResult: false),
        new WriteDeviceAttributes(Write),
        new DeviceCommandResult(Lamp.Value, CommandResult.Fail(CommandStatus.UnsupportedCluster, "no thermostat")),
        QueryDevice.Instance,
        GetDeviceSnapshot.Instance,
        new DeviceRecord(Lamp.Name, Lamp.Value, "a", DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level], "simulated/dimmable-light", Virtual: false, Ok: true, At),
        new WatchRemoteDevice(Lamp.Value),
        new UnwatchRemoteDevice(Lamp.Value),
        new RemoteDeviceUnknown(Lamp.Value),
        new RemoteDeviceEvent(DeviceEvent.ForReport(Lamp.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(3) }, null, EventSource.Query), At),
        new RemoteDeviceRequest(new RemoteRequestId("b", 42, 9), Lamp.Value, RemoteRequestKind.Command, Command, null),
        new RemoteDeviceRequest(new RemoteRequestId("b", 42, 10), Lamp.Value, RemoteRequestKind.Write, null, Write),
        new RemoteDeviceReply(new RemoteRequestId("b", 42, 9), Lamp.Value, CommandResult.Success, null),
        new RemoteDeviceReply(new RemoteRequestId("b", 42, 11), Lamp.Value, null, Snapshot),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_RemoteMessage_UsesLibertySerializerAndEqualsOriginal(object message)
    {
        var serialization = Sys.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        Assert.IsType<RemoteMessageSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var copy = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(message.GetType(), copy.GetType());
        Assert.Equal(message, copy);
        Assert.True(manifest.Length <= 12, $"manifest '{manifest}' should be a short key");
    }

    [Fact]
    public void Manifest_DeviceTypes_AreTheirStableKeys()
    {
        Assert.Equal("dev.event", RemoteMessageSerializer.ManifestOf(typeof(DeviceEvent)));
        Assert.Equal("dev.snapshot", RemoteMessageSerializer.ManifestOf(typeof(DeviceSnapshot)));
        Assert.Equal("dev.cmd", RemoteMessageSerializer.ManifestOf(typeof(SendDeviceCommand)));
        Assert.Equal("cd.record", RemoteMessageSerializer.ManifestOf(typeof(DeviceRecord)));
    }

    [Fact]
    public void RoundTrip_AttributeValueKinds_Survive()
    {
        var e = DeviceEvent.ForCommand(1, 8, 0, [AttributeValue.FromDouble(2.0), AttributeValue.FromInt64(2), AttributeValue.FromString("2"), AttributeValue.FromBoolean(true), AttributeValue.Null], EventSource.None);
        var serializer = (RemoteMessageSerializer)Sys.Serialization.FindSerializerFor(e);

        var copy = (DeviceEvent)serializer.FromBinary(serializer.ToBinary(e), serializer.Manifest(e));

        Assert.Equal([AttributeValueKind.RealNumber, AttributeValueKind.WholeNumber, AttributeValueKind.Text, AttributeValueKind.Boolean, AttributeValueKind.Null], copy.Arguments!.Select(a => a.Kind));
    }

    [Fact]
    public void RoundTrip_ActorRef_ResolvesToTheSameActor()
    {
        var message = new MessageWithReply("ping", TestActor);
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var copy = (MessageWithReply)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.Equal(TestActor, copy.ReplyTo);
        copy.ReplyTo.Tell("resolved");
        ExpectMsg("resolved");
    }

    [Theory]
    [InlineData("System.String")]
    [InlineData("Liberty.Node.Hosting.NodeOptions, liberty")]
    [InlineData("no.such.key")]
    public void FromBinary_ManifestOfNoRemoteMessage_IsRefused(string manifest)
    {
        var serializer = Sys.Serialization.FindSerializerFor(QueryDevice.Instance);

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{}"u8.ToArray(), serializer.Identifier, manifest));

        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBinary_TypeWithoutMarker_IsRefused()
    {
        var serializer = (RemoteMessageSerializer)Sys.Serialization.FindSerializerFor(QueryDevice.Instance);

        var error = Assert.Throws<ArgumentException>(() => serializer.ToBinary(new DeviceInfo(Lamp, 0, [], "x")));

        Assert.Contains(nameof(IRemoteMessage), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_BodyNotValidForType_IsRefusedClearly()
    {
        var serializer = Sys.Serialization.FindSerializerFor(QueryDevice.Instance);

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{\"t\":\"not a number\"}"u8.ToArray(), serializer.Identifier, "dev.event"));

        Assert.Contains("dev.event", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A remote message of the specs that carries an actor reference.</summary>
[RemoteMessage("test.reply")]
public sealed record MessageWithReply(string Text, IActorRef ReplyTo) : IRemoteMessage;
