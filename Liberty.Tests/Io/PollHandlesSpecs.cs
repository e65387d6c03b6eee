using System.Net;
using System.Net.Sockets;
using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class PollHandlesSpecs(ITestOutputHelper output) : IoSpec(output)
{
    private UdpHandle OpenUdp(ITaskContext ctx)
    {
        Assert.True(Io.TryOpenUdp(ctx, 0, broadcast: false, out var udp, out var error), error);
        return udp!;
    }

    [Fact]
    public void PollHandles_OneAlreadyReady_ReturnsAtOnceWithoutYielding()
    {
        Start(ctx =>
        {
            var udp = OpenUdp(ctx);
            var quiet = OpenUdp(ctx);
            var poll = ctx.PollHandles([new(quiet, IoReadiness.Readable), new(udp, IoReadiness.Readable | IoReadiness.Writable)], TimeSpan.FromSeconds(1));
            Report(poll.IsCompleted);
            Report(poll.Result.Status);
            Report(string.Join(",", poll.Result.Ready));
            return Task.CompletedTask;
        });
        ExpectMsg(true);
        ExpectMsg(PollStatus.Ready);
        ExpectMsg("None,Writable");
    }

    [Fact]
    public async Task PollHandles_DatagramArrives_ReportsReadable()
    {
        Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            Report(udp.LocalPort);
            var result = await ctx.PollHandles([new(udp, IoReadiness.Readable)], null);
            Report(result.Status);
            Report(result.Ready[0]);
        });
        var port = ExpectMsg<int>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await peer.SendAsync("x"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        ExpectMsg(PollStatus.Ready, SocketTimeout);
        ExpectMsg(IoReadiness.Readable);
    }

    [Fact]
    public void PollHandles_NothingReady_TimesOutAtTheDeadline()
    {
        var timers = Clock.ActiveTimerCount;
        Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            Report("polling");
            var result = await ctx.PollHandles([new(udp, IoReadiness.Readable)], TimeSpan.FromSeconds(2));
            Report(result.Status);
        });
        ExpectMsg("polling");
        AwaitDeadlineArmed(timers);
        Advance(TimeSpan.FromMilliseconds(1999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg(PollStatus.TimedOut);
    }

    [Fact]
    public void PollHandles_ZeroTimeout_WaitsOnceThroughTheDispatcher()
    {
        Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            ctx.NewThread(c =>
            {
                Report("other ran");
                return Task.CompletedTask;
            });
            var result = await ctx.PollHandles([new(udp, IoReadiness.Readable)], TimeSpan.Zero);
            Report(result.Status);
        });
        ExpectMsg("other ran");
        ExpectMsg(PollStatus.TimedOut);
    }

    [Fact]
    public void PollHandles_ClosedHandle_ReportsClosedOnlyWhenAsked()
    {
        Start(ctx =>
        {
            var udp = OpenUdp(ctx);
            udp.Close();
            var plain = ctx.PollHandles([new(udp, IoReadiness.Readable)], null).Result;
            var asked = ctx.PollHandles([new(udp, IoReadiness.Readable | IoReadiness.Closed | IoReadiness.Error)], null).Result;
            Report(plain.Ready[0]);
            Report(asked.Ready[0]);
            return Task.CompletedTask;
        });
        ExpectMsg(IoReadiness.Readable);
        ExpectMsg(IoReadiness.Readable | IoReadiness.Closed);
    }

    [Fact]
    public void PollHandles_InterruptInARegion_ReturnsInterrupted()
    {
        Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            var self = ctx.Thread;
            PollResult inner = default;
            ctx.NewThread(c =>
            {
                c.Interrupt(self);
                return Task.CompletedTask;
            });
            var region = await ctx.Interruptible(async token =>
            {
                inner = await ctx.PollHandles([new(udp, IoReadiness.Readable)], null, token);
                return inner.Status;
            });
            Report(region.Interrupted);
            Report(inner.Status);
        });
        ExpectMsg(true);
        ExpectMsg(PollStatus.Interrupted);
    }

    [Fact]
    public void PollHandles_OutsideARegion_IgnoresAnInterrupt()
    {
        var timers = Clock.ActiveTimerCount;
        Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            ctx.Interrupt(ctx.Thread);
            var result = await ctx.PollHandles([new(udp, IoReadiness.Readable)], TimeSpan.FromSeconds(1));
            Report(result.Status);
        });
        AwaitDeadlineArmed(timers);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg(PollStatus.TimedOut);
    }

    [Fact]
    public async Task PollHandles_TaskStopped_ThrowsThreadStopped()
    {
        var task = Start(async ctx =>
        {
            var udp = OpenUdp(ctx);
            try
            {
                Report("polling");
                await ctx.PollHandles([new(udp, IoReadiness.Readable)], null);
            }
            catch (ThreadStoppedException)
            {
                Report("stopped");
                throw;
            }
        });
        ExpectMsg("polling");
        Host.StopTask(task);
        ExpectMsg("stopped");
        await Ended(task);
    }

    // The thread reports before it calls PollHandles; advancing the clock before the poll armed its deadline
    // timer would move the deadline with it. Wait until that timer exists.
    private void AwaitDeadlineArmed(int timersBefore) =>
        AwaitCondition(() => Clock.ActiveTimerCount > timersBefore, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
}
