namespace Liberty.Actors.Cooperative;

// One continuation of cooperative code, posted through its context. Runs with the context installed, so
// the awaits inside it resume through the same context.
internal sealed class CooperativeWork(SendOrPostCallback callback, object? state, CooperativeContext context)
{
    public CooperativeContext Context { get; } = context;

    public void Run() => callback(state);
}
