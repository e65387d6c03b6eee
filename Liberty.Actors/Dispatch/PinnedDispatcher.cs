using System.Collections.Concurrent;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Dispatch;

/// <summary>
/// Gives every actor that uses it a dedicated OS thread (for actors that must block, or must own a
/// thread-affine resource). The thread starts with the actor and ends after it stops.
/// </summary>
public sealed class PinnedDispatcher : MessageDispatcher
{
    /// <summary>The id under which every system registers one.</summary>
    public const string DefaultId = "pinned";

    // Written by Attach/Detach (actor creation and termination), read by Schedule (any thread).
    private readonly ConcurrentDictionary<ActorCell, PinnedThread> _threads = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates one.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="throughput">User messages per run (default <see cref="ThreadPoolDispatcher.DefaultThroughput"/>).</param>
    public PinnedDispatcher(string id = DefaultId, int throughput = ThreadPoolDispatcher.DefaultThroughput)
        : base(id, throughput, null)
    {
    }

    internal override void Attach(ActorCell cell) =>
        _threads[cell] = new PinnedThread(this, cell.Mailbox, $"liberty-pinned {cell.Self.Path.ToStringWithoutAddress()}");

    internal override void Detach(ActorCell cell)
    {
        if (_threads.TryRemove(cell, out var thread))
        {
            thread.Stop();
        }
    }

    internal override void Schedule(Mailbox mailbox)
    {
        if (_threads.TryGetValue(mailbox.Cell, out var thread))
        {
            thread.Signal();
        }
        else
        {
            // The actor is attaching or already detached: run where we are so nothing is stranded.
            Run(mailbox);
        }
    }

#pragma warning disable CA1001 // SemaphoreSlim owns no OS handle unless AvailableWaitHandle is read; disposing it would race with a late Signal.
    private sealed class PinnedThread
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim _signal = new(0);
        private readonly PinnedDispatcher _dispatcher;
        private readonly Mailbox _mailbox;
        private volatile bool _stopped;

        public PinnedThread(PinnedDispatcher dispatcher, Mailbox mailbox, string name)
        {
            _dispatcher = dispatcher;
            _mailbox = mailbox;
            new Thread(Loop) { IsBackground = true, Name = name }.Start();
        }

        public void Signal() => _signal.Release();

        public void Stop()
        {
            _stopped = true;
            _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _signal.Wait();
                if (_stopped)
                {
                    return;
                }
                _dispatcher.Run(_mailbox);
            }
        }
    }
}
