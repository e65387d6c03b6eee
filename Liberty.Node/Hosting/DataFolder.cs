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
            Directory.CreateDirectory(full);
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
}
