using Liberty.Node.Hosting;

namespace Liberty.Tests.Hosting;

public sealed class DataFolderLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liberty-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TryAcquire_Held_SecondRefusedNamingTheFolder()
    {
        Assert.True(DataFolderLock.TryAcquire(_folder, out var first, out _));
        using (first)
        {
            Assert.False(DataFolderLock.TryAcquire(_folder, out var second, out var error));
            Assert.Null(second);
            Assert.Contains(_folder, error, StringComparison.Ordinal);
            Assert.Contains("another node", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryAcquire_AfterRelease_Succeeds()
    {
        Assert.True(DataFolderLock.TryAcquire(_folder, out var first, out _));
        first!.Dispose();

        Assert.True(DataFolderLock.TryAcquire(_folder, out var again, out _));
        again!.Dispose();
    }

    [Fact]
    public void TryAcquire_StaleLockFileLeftBehind_DoesNotBlock()
    {
        File.WriteAllText(Path.Combine(_folder, DataFolderLock.FileName), "12345\n");

        Assert.True(DataFolderLock.TryAcquire(_folder, out var held, out var error), error);
        held!.Dispose();
    }
}
