using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;
using Liberty.Tests.Engine;

namespace Liberty.Tests.Io;

/// <summary>Base of the I/O specs: the engine specs' host plus an <see cref="IoService"/> on its clock.</summary>
public abstract class IoSpec : EngineSpec
{
    protected IoSpec(ITestOutputHelper output, Action<NetworkOptions>? configure = null)
        : base(output)
    {
        var options = new NetworkOptions();
        configure?.Invoke(options);
        Io = new IoService(options, Clock);
    }

    protected IoService Io { get; }

    /// <summary>Generous wait for real sockets.</summary>
    protected static TimeSpan SocketTimeout => TimeSpan.FromSeconds(10);

    /// <summary>Arms <paramref name="handle"/> and waits for its event (other events are reported as they come).</summary>
    protected static async Task<int> WaitIo(ITaskContext ctx, IoHandle handle, IoReadiness interest)
    {
        Assert.True(handle.Arm(ctx, interest), $"{handle} could not be armed");
        while (true)
        {
            while (ctx.GetEvent() is { } e)
            {
                if (e is IoEvent io && ReferenceEquals(io.Handle, handle))
                {
                    return io.Value;
                }
            }
            await ctx.Wait();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Io.Dispose();
        }
        base.Dispose(disposing);
    }
}
