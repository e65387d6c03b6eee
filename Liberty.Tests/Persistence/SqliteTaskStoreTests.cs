namespace Liberty.Tests.Persistence;

/// <summary><see cref="Liberty.Node.Persistence.AkkaTaskStore"/> on a SQLite file.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract
{
    protected override Task<StoreTarget> CreateTargetAsync() => Task.FromResult<StoreTarget>(new SqliteTarget());
}
