using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>PipeTo: a task's outcome as a message (result, Status.Failure, mapped).</summary>
public sealed class PipeToTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    /// <summary>Starts work on a task the test controls and pipes the result to itself, then reports it.</summary>
    private sealed class Worker : ReceiveActor
    {
        public Worker(IActorRef probe)
        {
            Receive<Task<int>>(t => t.PipeTo(Self, Sender));
            Receive<int>(i => probe.Tell($"result {i} from {Sender.Path.Name}"));
            Receive<Status.Failure>(f => probe.Tell($"failure {f.Cause.Message} from {Sender.Path.Name}"));
        }
    }

    [Fact]
    public async Task PipeTo_TaskSucceeds_ResultSentWithSender()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = CreateTestProbe("origin");

        var piped = tcs.Task.PipeTo(TestActor, sender.Ref);
        tcs.SetResult(42);
        await piped.WaitAsync(TimeSpan.FromSeconds(3));

        await ExpectMsgAsync(42);
        Assert.Equal(sender.Ref, LastSender);
    }

    [Fact]
    public async Task PipeTo_TaskFaults_StatusFailureWithCause()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cause = new InvalidOperationException("broken");

        var piped = tcs.Task.PipeTo(TestActor);
        tcs.SetException(cause);
        await piped.WaitAsync(TimeSpan.FromSeconds(3));

        var failure = await ExpectMsgAsync<Status.Failure>();
        Assert.Same(cause, failure.Cause);
    }

    [Fact]
    public async Task PipeTo_TaskCancelled_StatusFailureWithTaskCanceledException()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var piped = tcs.Task.PipeTo(TestActor);
        tcs.SetCanceled();
        await piped.WaitAsync(TimeSpan.FromSeconds(3));

        Assert.IsType<TaskCanceledException>((await ExpectMsgAsync<Status.Failure>()).Cause);
    }

    [Fact]
    public async Task PipeTo_WithMappings_MappedMessagesSent()
    {
        var ok = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bad = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = ok.Task.PipeTo(TestActor, success: i => $"ok:{i}", failure: e => $"bad:{e.Message}");
        var second = bad.Task.PipeTo(TestActor, success: i => $"ok:{i}", failure: e => $"bad:{e.Message}");
        ok.SetResult(7);
        await first.WaitAsync(TimeSpan.FromSeconds(3));
        bad.SetException(new InvalidOperationException("nope"));
        await second.WaitAsync(TimeSpan.FromSeconds(3));

        await ExpectMsgAsync("ok:7");
        await ExpectMsgAsync("bad:nope");
    }

    [Fact]
    public async Task PipeTo_TaskWithoutResult_StatusSuccess()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var piped = ((Task)tcs.Task).PipeTo(TestActor);
        tcs.SetResult();
        await piped.WaitAsync(TimeSpan.FromSeconds(3));

        Assert.Null((await ExpectMsgAsync<Status.Success>()).Value);
    }

    [Fact]
    public async Task PipeTo_FromActorToSelf_ResultHandledInsideActorWithOriginalSender()
    {
        var worker = Sys.ActorOf(Props.Create(() => new Worker(TestActor)));
        var client = CreateTestProbe("client");
        var ok = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bad = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        client.Send(worker, ok.Task);
        client.Send(worker, bad.Task);
        ok.SetResult(5);
        await ExpectMsgAsync("result 5 from client");
        bad.SetException(new InvalidOperationException("late failure"));

        await ExpectMsgAsync("failure late failure from client");
    }
}
