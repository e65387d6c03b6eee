using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.TestKit;

/// <summary>Auto-pilot: answers messages itself, keeps or replaces itself, and messages still reach the inbox.</summary>
public sealed class AutoPilotTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    [Fact]
    public void AutoPilot_KeepRunning_AnswersEveryMessageAndQueuesIt()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(AutoPilot.From((sender, m) =>
        {
            sender!.Tell($"{m}!", ActorRefs.NoSender);
            return AutoPilot.KeepRunning;
        }));

        probe.Ref.Tell("a", TestActor);
        probe.Ref.Tell("b", TestActor);

        ExpectMsg("a!");
        ExpectMsg("b!");
        probe.ExpectMsg("a");
        probe.ExpectMsg("b");
    }

    [Fact]
    public void AutoPilot_ReturnsNoAutoPilot_AnswersOnlyOnce()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(AutoPilot.From((sender, m) =>
        {
            sender!.Tell($"{m}!", ActorRefs.NoSender);
            return AutoPilot.NoAutoPilot;
        }));

        probe.Ref.Tell("a", TestActor);
        probe.Ref.Tell("b", TestActor);

        ExpectMsg("a!");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(["a", "b"], probe.ReceiveN(2));
    }

    [Fact]
    public void AutoPilot_ReturnsAnotherPilot_NextMessageUsesIt()
    {
        var probe = CreateTestProbe();
        var second = AutoPilot.From((sender, m) =>
        {
            sender!.Tell($"second:{m}", ActorRefs.NoSender);
            return AutoPilot.KeepRunning;
        });
        probe.SetAutoPilot(AutoPilot.From((sender, m) =>
        {
            sender!.Tell($"first:{m}", ActorRefs.NoSender);
            return second;
        }));

        probe.Ref.Tell(1, TestActor);
        probe.Ref.Tell(2, TestActor);
        probe.Ref.Tell(3, TestActor);

        Assert.Equal(["first:1", "second:2", "second:3"], ReceiveN(3));
    }

    [Fact]
    public async Task AutoPilot_OnTheKitsTestActor_AnswersAsks()
    {
        SetAutoPilot(AutoPilot.From((sender, m) =>
        {
            sender!.Tell(m is int n ? n * 2 : m, ActorRefs.NoSender);
            return AutoPilot.KeepRunning;
        }));

        Assert.Equal(42, await TestActor.Ask<int>(21, TimeSpan.FromSeconds(3)));
        ExpectMsg(21);
    }
}
