using Liberty.Node.Hosting;

namespace Liberty.Tests.Hosting;

public sealed class AdminTokenTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liberty-token-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadOrCreate_FirstStart_256BitHexOwnerOnly()
    {
        var token = AdminToken.LoadOrCreate(_folder, out var created);

        Assert.True(created);
        Assert.Matches("^[0-9a-f]{64}$", token);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, AdminToken.FileName)));
        }
    }

    [Fact]
    public void LoadOrCreate_Again_SameToken()
    {
        var first = AdminToken.LoadOrCreate(_folder, out _);

        var second = AdminToken.LoadOrCreate(_folder, out var created);

        Assert.False(created);
        Assert.Equal(first, second);
        Assert.Equal(first, AdminToken.TryRead(_folder));
    }

    [Fact]
    public void LoadOrCreate_TwoFolders_DifferentTokens()
    {
        var other = Path.Combine(_folder, "other");
        Directory.CreateDirectory(other);

        Assert.NotEqual(AdminToken.LoadOrCreate(_folder, out _), AdminToken.LoadOrCreate(other, out _));
    }

    [Fact]
    public void TryRead_NoToken_Null() => Assert.Null(AdminToken.TryRead(_folder));
}
