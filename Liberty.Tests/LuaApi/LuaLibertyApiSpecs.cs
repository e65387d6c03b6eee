using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

public sealed class LuaLibertyApiSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task Post_BetweenTasks_ThroughAnExportedName_ArrivesAsT20WithDataAndSender()
    {
        var receiver = Run("""
            function main()
              assert(liberty.export("receiver"))
              Libre_Log(2, "me " .. liberty.self())
              while true do
                Libre_Wait()
                local e = Libre_GetEvent()
                Libre_Log(2, string.format("t=%d ev=%d x=%d list=%d from=%d", e.t, e.ev, e.data.x, #e.data.list, e.from))
              end
            end
            """);
        var me = (await LogLine(receiver, "me ")).Text[3..];
        var sender = Run($$"""
            function main()
              local ev = liberty.newevent()
              assert(liberty.lookup("receiver") == {{me}})
              Libre_Log(2, "sender " .. liberty.self() .. " ev " .. ev)
              Libre_Log(2, "result " .. liberty.post(liberty.lookup("receiver"), ev, { x = 5, list = {1, 2, 3} }))
            end
            """);
        var senderLine = (await LogLine(sender, "sender ")).Text.Split(' ');
        await LogLine(sender, "result ok");
        await LogLine(receiver, $"t=20 ev={senderLine[3]} x=5 list=3 from={senderLine[1]}");
    }

    [Fact]
    public async Task Post_FullQueue_ReportsFull()
    {
        var receiver = Run("""
            function main() liberty.export("sleeper") Libre_Log(2, "me " .. liberty.self()) Libre_Sleep(3600000) end
            """);
        var me = (await LogLine(receiver, "me ")).Text[3..];
        var sender = Run($$"""
            function main()
              local results = {}
              for i = 1, 10 do results[#results + 1] = liberty.post({{me}}, 500) end
              Libre_Log(2, table.concat(results, ","))
            end
            """);
        await LogLine(sender, "ok,ok,ok,ok,ok,ok,ok,ok,full,full");
        Assert.Equal(2, receiver.GetStatistics().EventsDropped);
    }

    [Fact]
    public async Task Post_UnknownThread_RaisesClearError()
    {
        var task = Run("function main() liberty.post(123456, 1) end");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("liberty_post: thread 123456 is not a live thread of this task, nor one another task exported", task.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("liberty.post(%d, 1)", "liberty_post")]
    [InlineData("liberty.poll(%d)", "liberty_poll")]
    [InlineData("liberty.watch(%d)", "liberty_watch")]
    [InlineData("liberty.interrupt(%d)", "liberty_interrupt")]
    [InlineData("liberty.send(%d, 1)", "liberty_send")]
    public async Task AnotherTasksThread_NotExported_CannotBeReachedByItsNumber(string call, string function)
    {
        var victim = Run("""
            function main()
              liberty.onsend(function() Libre_Log(2, "handler ran") end)
              Libre_Log(2, "me " .. liberty.self())
              while true do
                Libre_Wait()
                local e = Libre_GetEvent()
                Libre_Log(2, "got t=" .. e.t)
              end
            end
            """);
        var id = long.Parse((await LogLine(victim, "me ")).Text[3..], System.Globalization.CultureInfo.InvariantCulture);
        var prober = Run($$"""
            function main(id)
              local ok, err = pcall(function() {{call.Replace("%d", "id", StringComparison.Ordinal)}} end)
              local _, unknown = pcall(function() {{call.Replace("%d", "987654", StringComparison.Ordinal)}} end)
              Libre_Log(2, string.format("ok=%s", tostring(ok)))
              Libre_Log(2, "err " .. err:gsub("%d+", "N"))
              Libre_Log(2, "unk " .. unknown:gsub("%d+", "N"))
            end
            """, "main", id);
        Assert.Equal(TaskState.Stopped, await Ended(prober));
        await LogLine(prober, "ok=false");
        var err = (await LogLine(prober, "err ")).Text[4..];
        var unknown = (await LogLine(prober, "unk ")).Text[4..];
        // The same error as for a thread that does not exist: nothing tells the prober the thread is there.
        Assert.Equal(unknown, err);
        Assert.Contains($"{function}: thread N is not a live thread of this task", err, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(victim), l => l.StartsWith("got", StringComparison.Ordinal) || l == "handler ran");
    }

    [Fact]
    public async Task Export_NameHeldByOneLiveThread_FreedWhenItEnds()
    {
        var holder = Run("""
            function main()
              Libre_Log(2, "first " .. tostring(liberty.export("svc")) .. " again " .. tostring(liberty.export("svc")))
              Libre_Log(2, "lookup " .. (liberty.lookup("svc") == liberty.self() and "self" or "other"))
              Libre_Wait(1000)
            end
            """);
        await LogLine(holder, "first true again true");
        await LogLine(holder, "lookup self");
        var rival = Run("""
            function main()
              Libre_Log(2, "taken " .. tostring(liberty.export("svc")))
              Libre_Wait(2000)
              Libre_Log(2, "freed " .. tostring(liberty.lookup("svc")) .. " " .. tostring(liberty.export("svc")))
            end
            """);
        await LogLine(rival, "taken false");
        await AdvanceUntilEnded(holder, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Stopped, holder.State);
        await LogLine(rival, "freed nil true", advance: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Send_ToAnExportedThreadOfAnotherTask_IsOtherTask_AndInterruptStaysRefused()
    {
        var service = Run("""
            function main()
              liberty.export("svc")
              liberty.onsend(function() Libre_Log(2, "handler ran") end)
              Libre_Wait()
            end
            """);
        await Task.Yield();
        var client = Run("""
            function main()
              local svc = liberty.lookup("svc")
              Libre_Log(2, "send " .. liberty.send(svc, 1))
              local ok, err = pcall(liberty.interrupt, svc)
              Libre_Log(2, "interrupt " .. tostring(ok) .. " " .. err)
            end
            """);
        await LogLine(client, "send othertask");
        await LogLine(client, "interrupt false");
        Assert.Contains(Lines(client), l => l.Contains("liberty_interrupt: thread", StringComparison.Ordinal) && l.EndsWith("is not a live thread of this task", StringComparison.Ordinal));
        Assert.DoesNotContain("handler ran", Lines(service));
    }

    [Fact]
    public async Task Broadcast_ReachesSubscribersOnly()
    {
        var listener = Run("""
            function main()
              liberty.subscribe()
              Libre_Log(2, "subscribed")
              Libre_Wait()
              local e = Libre_GetEvent()
              Libre_Log(2, "got " .. e.ev .. " " .. e.data)
            end
            """);
        var deaf = Run("function main() Libre_Log(2, 'deaf') Libre_Wait() Libre_Log(2, 'never') end");
        await LogLine(listener, "subscribed");
        await LogLine(deaf, "deaf");
        var caster = Run("""
            function main()
              local delivered, missed = liberty.broadcast(777, "hi")
              Libre_Log(2, delivered .. " " .. missed)
            end
            """);
        await LogLine(caster, "1 0");
        await LogLine(listener, "got 777 hi");
        Assert.DoesNotContain("never", Lines(deaf));
    }

    [Fact]
    public async Task Poll_ArrivesAsT22()
    {
        var task = Run("""
            function main()
              liberty.poll(liberty.self())
              Libre_Wait()
              Libre_Log(2, "t=" .. Libre_GetEvent().t)
            end
            """);
        await LogLine(task, "t=22");
    }

    [Fact]
    public async Task Watch_ThreadAndTask_ExitEventsT21()
    {
        var other = Run("function main() Libre_Log(2, 'other') Libre_Wait() end");
        await LogLine(other, "other");
        var task = Run($$"""
            function main()
              local child = Libre_NewThread(function() end)
              liberty.watch(child)
              Libre_Wait()
              local e = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d thread=%s outcome=%s", e.t, tostring(e.thread == child), e.outcome))
              liberty.watchtask({{other.Id}})
              Libre_Log(2, "watching task")
              Libre_Wait()
              e = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d task=%d state=%s", e.t, e.task, e.state))
            end
            """);
        await LogLine(task, "t=21 thread=true outcome=Returned");
        await LogLine(task, "watching task");
        other.Stop();
        await LogLine(task, $"t=21 task={other.Id} state=Disabled");
    }

    [Fact]
    public async Task Interruptible_InterruptedOrTimedOut()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "first " .. tostring(liberty.interruptible(100)))
              Libre_Log(2, "blocked " .. liberty.self())
              Libre_Log(2, "second " .. tostring(liberty.interruptible()))
            end
            """);
        await LogLine(task, "first false", advance: TimeSpan.FromMilliseconds(20));
        var id = long.Parse((await LogLine(task, "blocked ")).Text[8..], System.Globalization.CultureInfo.InvariantCulture);
        TaskHost.Interrupt(task.FindThread(id)!.Engine);
        await LogLine(task, "second true");
    }

    [Fact]
    public async Task Interrupt_PlainWait_NotInterruptedUntilOptIn()
    {
        var task = Run("""
            function main()
              liberty.interrupt(liberty.self())
              Libre_Wait(0)
              Libre_Log(2, "plain wait unaffected")
              Libre_Log(2, "region " .. tostring(liberty.interruptible(1000)))
            end
            """);
        await LogLine(task, "plain wait unaffected");
        await LogLine(task, "region true");
    }

    [Fact]
    public async Task NowAndMonotonic_FollowTheNodeClock()
    {
        var task = Run("""
            function main()
              local n, m, o = liberty.now(), liberty.monotonic(), os.time()
              Libre_Sleep(2000)
              Libre_Log(2, string.format("%.1f %.1f %s", liberty.now() - n, liberty.monotonic() - m, tostring(math.abs(n - o) < 1)))
            end
            """);
        await LogLine(task, "2.0 2.0 true", advance: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task UnknownLibertyFunction_IsNil()
    {
        var task = Run("function main() Libre_Log(2, tostring(liberty.nothing) .. ' ' .. tostring(liberty_post)) end");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["nil nil"], Lines(task));
    }

    [Fact]
    public async Task Send_RunsTheHandlerNestedAndReturnsItsResult()
    {
        var task = Run("""
            function main()
              local server = Libre_NewThread(function()
                liberty.onsend(function(ev, data, from)
                  if ev == 2 then error("no such request") end
                  return { sum = data.a + data.b, ev = ev, from = from }
                end)
                Libre_Wait()
              end)
              Libre_Wait(0)
              local status, r = liberty.send(server, 1, { a = 2, b = 3 })
              Libre_Log(2, string.format("%s %d %d %s", status, r.sum, r.ev, tostring(r.from == liberty.self())))
              Libre_Log(2, table.concat({ liberty.send(server, 2, {}) }, " "))
              Libre_Log(2, liberty.send(liberty.self(), 1))
              local other = Libre_NewThread(function() Libre_Wait() end)
              Libre_Log(2, liberty.send(other, 1))
            end
            """);
        await LogLine(task, "nohandler");
        var lines = Lines(task);
        Assert.Equal("ok 5 1 true", lines[0]);
        Assert.StartsWith("error app.lua:4: no such request", lines[1], StringComparison.Ordinal);
        Assert.Equal("recursive", lines[2]);
        Assert.Equal("nohandler", lines[3]);
    }
}
