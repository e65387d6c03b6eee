namespace Liberty.Tests.Persistence;

/// <summary><see cref="Liberty.Node.Persistence.AkkaTaskStore"/> on a SQLite file.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract
{
    [Fact]
    public async Task Start_SqliteFile_IsInWalModeWithFullSync()
    {
        await Open().Store.LoadAsync();

        // journal_mode is kept by the file; synchronous is per connection, and 2 (FULL) is the bundled SQLite's default.
        Assert.Equal(1, await Target.ExecuteSqlAsync("SELECT journal_mode = 'wal' FROM pragma_journal_mode"));
        Assert.Equal(2, await Target.ExecuteSqlAsync("PRAGMA synchronous"));
    }

    protected override Task<StoreTarget> CreateTargetAsync() => Task.FromResult<StoreTarget>(new SqliteTarget());
}
