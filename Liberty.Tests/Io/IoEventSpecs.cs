using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class IoEventSpecs(ITestOutputHelper output) : IoSpec(output)
{
    [Fact]
    public void IoEvent_QueueFull_IsDeferredNotLost()
    {
        Start(ctx =>
        {
            Assert.True(Io.TryOpenUdp(ctx, 0, broadcast: false, out var udp, out _));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(PostResult.Ok, ctx.Post(ctx.Thread, 300 + i));
            }
            Assert.Equal(PostResult.Full, ctx.Post(ctx.Thread, 399));
            Assert.True(udp!.Arm(ctx, IoReadiness.Writable));
            var seen = new List<string>();
            while (ctx.GetEvent() is { } e)
            {
                seen.Add(e switch
                {
                    PostedEvent p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    IoEvent io => $"io {io.Id} {io.Value}",
                    _ => e.GetType().Name,
                });
            }
            Report(string.Join(",", seen));
            return Task.CompletedTask;
        });
        ExpectMsg("300,301,302,303,io 1 2");
    }

    [Fact]
    public void Arm_OneEventPerArming_ThenDisarmed()
    {
        Start(async ctx =>
        {
            Assert.True(Io.TryOpenUdp(ctx, 0, broadcast: false, out var udp, out _));
            udp!.Arm(ctx, IoReadiness.Writable);
            await ctx.Wait(TimeSpan.Zero);
            var first = ctx.GetEvent();
            // Still writable, but not re-armed: nothing more comes.
            await ctx.Wait(TimeSpan.Zero);
            Report((first is IoEvent, ctx.GetEvent() is null));
            udp.Arm(ctx, IoReadiness.None);
            Report(ctx.GetEvent() is null);
        });
        ExpectMsg((true, true));
        ExpectMsg(true);
    }
}
