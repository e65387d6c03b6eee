using System.Security.Cryptography;
using System.Text;

namespace Liberty.Node.Hosting;

/// <summary>
/// The management API's bearer token: 256 random bits as 64 lowercase hex digits in <c>&lt;data&gt;/admin.token</c>,
/// created at first start readable by the owner only (mode 0600) and reused afterwards.
/// </summary>
internal static class AdminToken
{
    /// <summary>The token file's name in the data folder.</summary>
    public const string FileName = "admin.token";

    private const int TokenBytes = 32;

    /// <summary>Reads the token of a data folder, creating it when missing or empty.</summary>
    /// <param name="dataFolder">The (existing, writable) data folder.</param>
    /// <param name="created">True when this call created the token.</param>
    /// <returns>The token.</returns>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static string LoadOrCreate(string dataFolder, out bool created)
    {
        var path = Path.Combine(dataFolder, FileName);
        created = false;
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
            File.Delete(path);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(token + "\n"));
        }
        created = true;
        return token;
    }

    /// <summary>Reads the token of a data folder without creating it (the CLI's default credentials).</summary>
    /// <param name="dataFolder">The data folder.</param>
    /// <returns>The token, or null when the file is missing, empty or unreadable.</returns>
    public static string? TryRead(string dataFolder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(dataFolder, FileName)).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
