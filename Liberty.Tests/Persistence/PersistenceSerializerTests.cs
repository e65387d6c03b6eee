using Akka.Actor;
using Liberty.Node.Engine;
using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary><see cref="PersistenceSerializer"/> and its binding by <see cref="PersistenceHocon"/>.</summary>
public sealed class PersistenceSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-spec", PersistenceHocon.Create(new PersistenceOptions { DataFolder = Path.GetTempPath() }));

    public void Dispose() => _system.Dispose();

    [Fact]
    public void FindSerializerFor_EveryStoredType_IsThePersistenceSerializer()
    {
        var samples = new object[]
        {
            new AppSaved(new AppRecord("a", 1, "x", null, DateTimeOffset.UnixEpoch)), new AppRemoved("a"),
            new TaskSaved(new TaskRecord(1, "t", "a", 1, "main", null, TaskState.Running, null, null, DateTimeOffset.UnixEpoch)),
            new TaskDeleted(1), new TaskDataSaved(1, "n", null), AppsState.Empty, TasksState.Empty, DevicesState.Empty,
        };

        foreach (var sample in samples)
        {
            Assert.IsType<PersistenceSerializer>(_system.Serialization.FindSerializerFor(sample));
        }
        Assert.Equal(PersistenceSerializer.Manifests.Count, samples.Length + 1); // + DeviceSaved (needs a device model; same binding)
    }

    [Fact]
    public void ToBinaryThenFromBinary_Event_RoundTripsUnderItsManifest()
    {
        var serializer = (PersistenceSerializer)_system.Serialization.FindSerializerFor(new TaskDataSaved(7, "n", "v"));
        var bytes = serializer.ToBinary(new TaskDataSaved(7, "n", "v"));

        Assert.Equal("node.TaskDataSaved", serializer.Manifest(new TaskDataSaved(7, "n", "v")));
        Assert.Equal("""{"taskId":7,"name":"n","value":"v"}""", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(new TaskDataSaved(7, "n", "v"), serializer.FromBinary(bytes, "node.TaskDataSaved"));
    }

    [Theory]
    [InlineData("node.Unknown", "{}", "unknown manifest 'node.Unknown'")]
    [InlineData("node.TaskDeleted", "{\"taskId\":", "does not fit TaskDeleted")]
    [InlineData("node.TaskDeleted", "null", "JSON null")]
    public void FromBinary_Unreadable_ReturnsUnreadablePayloadSayingWhy(string manifest, string json, string why)
    {
        var unreadable = Assert.IsType<UnreadablePayload>(PersistenceSerializer.Deserialize(manifest, System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(manifest, unreadable.Manifest);
        Assert.Contains(why, unreadable.Reason, StringComparison.Ordinal);
    }
}
