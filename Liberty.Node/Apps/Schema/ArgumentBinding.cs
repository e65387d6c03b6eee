namespace Liberty.Node.Apps.Schema;

/// <summary>
/// The outcome of <see cref="ArgumentBinder.BindAsync"/>: either <see cref="Error"/>, or the entry function's positional
/// arguments plus the cleanup that removes the virtual devices created for them.
/// </summary>
internal sealed class ArgumentBinding
{
    private static readonly Func<ValueTask> NoCleanup = static () => ValueTask.CompletedTask;

    private ArgumentBinding(string? error, IReadOnlyList<object?> values, IReadOnlyList<long> virtualDevices, Func<ValueTask> cleanup)
    {
        Error = error;
        Values = values;
        VirtualDevices = virtualDevices;
        Cleanup = cleanup;
    }

    /// <summary>Whether the arguments are valid (then <see cref="Error"/> is null).</summary>
    public bool Ok => Error is null;

    /// <summary>What is wrong, naming the parameter (<c>input[2]: ...</c>); null on success.</summary>
    public string? Error { get; }

    /// <summary>The path by parameter name of the value that is wrong (<c>input[2]</c>); null on success or for an error of the whole call.</summary>
    public string? Path { get; private init; }

    /// <summary>The positional arguments as plain values (see <see cref="ArgumentValues"/>); empty on failure.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>The ids of the virtual devices created for VirtualDevice parameters, owned by the task.</summary>
    public IReadOnlyList<long> VirtualDevices { get; }

    /// <summary>Removes the created virtual devices; the task manager runs it once when the task ends. A no-op when none were created.</summary>
    public Func<ValueTask> Cleanup { get; }

    /// <summary>A failure.</summary>
    /// <param name="error">The message.</param>
    /// <param name="path">The path of the value that is wrong, by parameter name; null for the whole call.</param>
    /// <returns>The binding.</returns>
    public static ArgumentBinding Failed(string error, string? path = null) => new(error, [], [], NoCleanup) { Path = path };

    /// <summary>A success.</summary>
    /// <param name="values">The arguments.</param>
    /// <param name="virtualDevices">Created virtual devices.</param>
    /// <param name="cleanup">Their removal.</param>
    /// <returns>The binding.</returns>
    public static ArgumentBinding Succeeded(IReadOnlyList<object?> values, IReadOnlyList<long> virtualDevices, Func<ValueTask>? cleanup) =>
        new(null, values, virtualDevices, cleanup ?? NoCleanup);
}
