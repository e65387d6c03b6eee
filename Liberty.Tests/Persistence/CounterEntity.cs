using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>A test entity: counts its events and keeps the last text.</summary>
internal sealed class CounterEntity(string persistenceId, IJournal journal, ISnapshotStore snapshots)
    : PersistentEntity<TestSnapshot>(persistenceId, new TestSnapshot(0, string.Empty), journal, snapshots, null)
{
    protected override TestSnapshot Apply(TestSnapshot state, object @event) =>
        @event is TestEvent e ? new TestSnapshot(state.Count + 1, e.Text) : state;
}
