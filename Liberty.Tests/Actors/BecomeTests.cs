using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Become / BecomeStacked / UnbecomeStacked on ReceiveActor and UntypedActor.</summary>
public sealed class BecomeTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(s => Handle("initial", s));
        }

        private void Handle(string mood, string s)
        {
            switch (s)
            {
                case "become-happy":
                    Become(() => Receive<string>(m => Handle("happy", m)));
                    break;
                case "push-angry":
                    BecomeStacked(() => Receive<string>(m => Handle("angry", m)));
                    break;
                case "push-sad":
                    BecomeStacked(() => Receive<string>(m => Handle("sad", m)));
                    break;
                case "pop":
                    UnbecomeStacked();
                    break;
                case "ints-only":
                    Become(() => Receive<int>(i => Sender.Tell(i >= 0 ? $"int:{i}" : throw new InvalidOperationException("negative"))));
                    break;
                default:
                    Sender.Tell($"{mood}:{s}");
                    break;
            }
        }
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "switch":
                    Become(Switched);
                    break;
                case string s:
                    Sender.Tell($"first:{s}");
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }

        private void Switched(object message)
        {
            switch (message)
            {
                case "push":
                    BecomeStacked(m =>
                    {
                        Sender.Tell($"pushed:{m}");
                        if (m is "pop")
                        {
                            UnbecomeStacked();
                        }
                        return true;
                    });
                    break;
                case string s:
                    Sender.Tell($"second:{s}");
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    private IActorRef _actor = ActorRefs.Nobody;

    private void Say(string message, string expected)
    {
        _actor.Tell(message, TestActor);
        ExpectMsg(expected);
    }

    [Fact]
    public void Become_NewHandlers_ReplaceInitialBehaviour()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());
        Say("hi", "initial:hi");

        _actor.Tell("become-happy", null);

        Say("hi", "happy:hi");
    }

    [Fact]
    public void BecomeStacked_ThenUnbecomeStacked_RestoresPreviousBehaviour()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());
        _actor.Tell("push-angry", null);
        Say("a", "angry:a");
        _actor.Tell("push-sad", null);
        Say("b", "sad:b");

        _actor.Tell("pop", null);
        Say("c", "angry:c");
        _actor.Tell("pop", null);

        Say("d", "initial:d");
    }

    [Fact]
    public void Become_OnStackedBehaviour_ReplacesTopOnly()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());
        _actor.Tell("push-angry", null);
        _actor.Tell("become-happy", null);
        Say("a", "happy:a");

        _actor.Tell("pop", null);

        Say("b", "initial:b");
    }

    [Fact]
    public void UnbecomeStacked_AtBottom_KeepsInitialBehaviour()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());

        _actor.Tell("pop", null);
        _actor.Tell("pop", null);

        Say("still", "initial:still");
    }

    [Fact]
    public void Become_MessageNewBehaviourDoesNotHandle_PublishedAsUnhandled()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());
        _actor.Tell("ints-only", null);

        EventFilter.Unhandled<string>(s => s == "words").ExpectOne(() => _actor.Tell("words", TestActor));

        _actor.Tell(3, TestActor);
        ExpectMsg("int:3");
    }

    [Fact]
    public void Restart_AfterBecome_InitialBehaviourAgain()
    {
        _actor = Sys.ActorOf(Props.Create<Moody>());
        _actor.Tell("ints-only", null);
        _actor.Tell(1, TestActor);
        ExpectMsg("int:1");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => _actor.Tell(-1, null));

        Say("hi", "initial:hi");
    }

    [Fact]
    public void UntypedActor_BecomeAndStacked_SwitchesAndRestores()
    {
        _actor = Sys.ActorOf(Props.Create<Untyped>());
        Say("x", "first:x");
        _actor.Tell("switch", null);
        Say("y", "second:y");

        _actor.Tell("push", null);
        Say("z", "pushed:z");
        Say("pop", "pushed:pop");

        Say("w", "second:w");
    }
}
