using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>ReceiveActor handler selection: declaration order, predicates, declining handlers, unhandled.</summary>
public sealed class ReceiveActorTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public sealed record Animal(string Name);

    private sealed class Picky : ReceiveActor
    {
        public Picky()
        {
            Receive<string>(s => Sender.Tell($"a-word:{s}"), s => s.StartsWith('a'));
            Receive<string>(s =>
            {
                if (s.StartsWith('b'))
                {
                    Sender.Tell($"b-word:{s}");
                    return true;
                }
                return false;
            });
            Receive<string>(s => Sender.Tell($"other-word:{s}"), s => s.Length > 3);
            Receive<Animal>(a => Sender.Tell($"animal:{a.Name}"));
            Receive<object>(o => Sender.Tell($"object:{o}"), o => o is long);
            Receive<string>(_ =>
            {
                try
                {
                    Receive<int>(_ => { });
                    Sender.Tell("declared late");
                }
                catch (InvalidOperationException ex)
                {
                    Sender.Tell(ex.GetType().Name);
                }
            }, s => s == "!");
        }
    }

    private sealed class CatchAll : ReceiveActor
    {
        public CatchAll()
        {
            Receive<int>(i => Sender.Tell($"int:{i}"));
            ReceiveAny(m => Sender.Tell($"any:{m}"));
            Receive<string>(s => Sender.Tell($"unreachable:{s}"));
        }
    }

    [Theory]
    [InlineData("apple", "a-word:apple")]
    [InlineData("banana", "b-word:banana")]
    [InlineData("cherry", "other-word:cherry")]
    [InlineData("ab", "a-word:ab")]
    public void Receive_SeveralHandlersForOneType_FirstMatchingInDeclarationOrderWins(string message, string expected)
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());

        actor.Tell(message, TestActor);

        ExpectMsg(expected);
    }

    [Fact]
    public void Receive_NoHandlerMatches_UnhandledMessagePublished()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());

        EventFilter.Unhandled<string>(s => s == "cat").ExpectOne(() => actor.Tell("cat", TestActor));
        EventFilter.Unhandled<int>().ExpectOne(() => actor.Tell(7, TestActor));

        actor.Tell(new Animal("cat"), TestActor);
        ExpectMsg("animal:cat");
    }

    [Fact]
    public void Receive_BaseTypeHandlerWithPredicate_MatchesSubtypes()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());

        actor.Tell(5L, TestActor);

        ExpectMsg("object:5");
    }

    [Fact]
    public void Receive_DeclaredAfterConstruction_InvalidOperationException()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());

        actor.Tell("!", TestActor);

        ExpectMsg(nameof(InvalidOperationException));
    }

    [Fact]
    public void ReceiveAny_DeclaredBeforeOtherHandlers_ShadowsThem()
    {
        var actor = Sys.ActorOf(Props.Create<CatchAll>());

        actor.Tell(1, TestActor);
        actor.Tell("s", TestActor);

        ExpectMsg("int:1");
        ExpectMsg("any:s");
    }
}
