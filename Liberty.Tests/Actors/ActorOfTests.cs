using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Creating actors: names, Props variants, construction outside ActorOf, failing constructors.</summary>
public sealed class ActorOfTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Greeter : ReceiveActor
    {
        public Greeter(string greeting, int times) =>
            Receive<string>(name => Sender.Tell(string.Concat(Enumerable.Repeat($"{greeting} {name};", times))));
    }

    private sealed class ThrowingConstructor : ReceiveActor
    {
        public ThrowingConstructor() => throw new InvalidOperationException("constructor says no");
    }

    private sealed class ThrowingPreStart : ReceiveActor
    {
        public ThrowingPreStart() => ReceiveAny(_ => { });

        protected internal override void PreStart() => throw new InvalidOperationException("PreStart says no");
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), name)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("with space")]
    [InlineData("hash#tag")]
    public void ActorOf_InvalidName_ThrowsInvalidActorNameException(string name)
    {
        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), name));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActorOf_DuplicateName_ThrowsInvalidActorNameException()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "twin");

        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "twin"));
        Assert.Contains("not unique", ex.Message, StringComparison.Ordinal);
        first.Tell("still alive", TestActor);
        ExpectMsg("still alive");
    }

    [Fact]
    public void ActorOf_DuplicateChildName_ThrowsInsideParent()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("kid", TestActor);
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal("liberty://test@local/user/parent/kid", kid.Path.ToString());

        EventFilter.Exception<InvalidActorNameException>().ExpectOne(() => parent.Tell("kid", TestActor));
    }

    [Fact]
    public void ActorOf_NoName_GeneratesUniqueNamesStartingWithDollar()
    {
        var a = Sys.ActorOf(Props.Create<Echo>());
        var b = Sys.ActorOf(Props.Create<Echo>());

        Assert.StartsWith("$", a.Path.Name, StringComparison.Ordinal);
        Assert.StartsWith("$", b.Path.Name, StringComparison.Ordinal);
        Assert.NotEqual(a.Path.Name, b.Path.Name);
        Assert.Equal("user", a.Path.Parent!.Name);
    }

    [Fact]
    public void Constructor_OutsideActorOf_ThrowsInvalidOperationException()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Echo());
        Assert.Contains("ActorOf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PropsCreate_Generic_CreatesActorOfThatType()
    {
        var props = Props.Create<Echo>();
        Assert.Equal(typeof(Echo), props.ActorType);

        Sys.ActorOf(props).Tell("generic", TestActor);
        ExpectMsg("generic");
    }

    [Fact]
    public void PropsCreate_Factory_PassesConstructorArguments()
    {
        var props = Props.Create(() => new Greeter("hi", 2));
        Assert.Equal(typeof(Greeter), props.ActorType);

        Sys.ActorOf(props).Tell("bob", TestActor);
        ExpectMsg("hi bob;hi bob;");
    }

    [Fact]
    public void PropsCreate_TypeAndArguments_PassesConstructorArguments()
    {
        var props = Props.Create(typeof(Greeter), "yo", 1);
        Assert.Equal(typeof(Greeter), props.ActorType);

        Sys.ActorOf(props).Tell("ann", TestActor);
        ExpectMsg("yo ann;");
    }

    [Fact]
    public void PropsCreate_TypeThatIsNotAnActor_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));

    [Fact]
    public void ActorOf_ConstructorThrows_ActorInitializationExceptionLoggedAndActorStopped()
    {
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>(contains: "constructor says no").ExpectOne(() =>
        {
            actor = Sys.ActorOf(Props.Create<ThrowingConstructor>(), "fragile");
            Watch(actor);
        });

        var terminated = ExpectTerminated(actor!);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void ActorOf_PreStartThrows_ActorInitializationExceptionLoggedAndActorStopped()
    {
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>(contains: "PreStart says no").ExpectOne(() =>
        {
            actor = Sys.ActorOf(Props.Create<ThrowingPreStart>());
            Watch(actor);
        });

        ExpectTerminated(actor!);
    }
}
