namespace Liberty.Node.Hosting;

/// <summary>The node's data folder: creation and the writability check done at start.</summary>
internal static class DataFolder
{
    /// <summary>Creates the folder if missing and proves it is writable by creating and deleting a probe file.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="error">What is wrong when false, naming the folder.</param>
    /// <returns>True when the folder exists and is writable.</returns>
    public static bool TryPrepare(string path, out string error)
    {
        error = "";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"'{path}' is not a valid path: {e.Message}";
            return false;
        }
        try
        {
            if (!Directory.Exists(full))
            {
                // Only its owner may read it: the journal holds task arguments and data. An existing folder keeps the mode
                // its operator gave it (a systemd StateDirectory, say).
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(full);
                }
                else
                {
                    Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            var probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"'{full}' is not a writable folder: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Makes <paramref name="path"/> readable and writable by its owner only (0600), creating it empty when missing: for a
    /// database file, before the database opens it (SQLite gives its -wal and -shm files the same mode).
    /// </summary>
    /// <param name="path">The file.</param>
    public static void ProtectFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            return;
        }
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
