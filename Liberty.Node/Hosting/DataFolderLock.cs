namespace Liberty.Node.Hosting;

/// <summary>
/// The lock that keeps a second node off a data folder: an exclusive OS lock (flock on Unix, a share-none handle on
/// Windows) on <c>&lt;data&gt;/node.lock</c>, held for the node's life. The OS drops it when the process dies, so
/// the file a killed node leaves behind does not block the next start.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file's name in the data folder.</summary>
    public const string FileName = "node.lock";

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of a data folder.</summary>
    /// <param name="dataFolder">The (existing) data folder.</param>
    /// <param name="held">The lock when true; dispose it to release.</param>
    /// <param name="error">Why it failed, naming the folder, when false.</param>
    /// <returns>True when this process now holds the folder.</returns>
    public static bool TryAcquire(string dataFolder, out DataFolderLock? held, out string error)
    {
        var path = Path.Combine(dataFolder, FileName);
        held = null;
        error = "";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            held = new DataFolderLock(stream);
            return true;
        }
        catch (IOException e)
        {
            error = $"another node is already running on the data folder '{Path.GetFullPath(dataFolder)}' (it holds {FileName}); stop it or choose another folder with --data. ({e.Message})";
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            error = $"cannot open the lock file '{path}': {e.Message}";
            return false;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
