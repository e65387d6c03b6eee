using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

internal sealed partial class TaskManager
{
    /// <summary>
    /// Creates a task running <paramref name="function"/> of the latest version of <paramref name="app"/> and starts it.
    /// The arguments are validated (against the app's signature when it has one) before anything starts.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="function">The entry function (a Lua name).</param>
    /// <param name="argumentsJson">A JSON array (positional) or object; null for none.</param>
    /// <param name="name">The task's name; null for "app/function".</param>
    /// <returns>
    /// The new task (Running), NotFound (no such app) or Invalid (bad name, a function that is not an entry point of the
    /// app, bad arguments; <see cref="TaskManagerResult{T}.Path"/> says which). A refused start uses up no task id.
    /// </returns>
    public async Task<TaskManagerResult<ManagedTask>> StartTaskAsync(string app, string function, string? argumentsJson = null, string? name = null)
    {
        if (string.IsNullOrEmpty(function) || !Schema.AppSignature.IsLuaName(function))
        {
            return TaskManagerResult<ManagedTask>.Invalid(
                Schema.AppSignature.LuaKeywords.Contains(function ?? "") ? $"function '{function}' is a Lua keyword, not a function name" : $"function '{function}' is not a Lua function name",
                "$.function");
        }
        if (name is not null && CheckName(name.Replace('/', '_'), "task name") is { } nameError)
        {
            return TaskManagerResult<ManagedTask>.Invalid(nameError, "$.name");
        }
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (LatestApp(app) is not { } record)
            {
                return TaskManagerResult<ManagedTask>.NotFound(NoApp(app)) with { Path = "$.app" };
            }
            // Taken only once the start is sure to happen (under the gate, so nobody else takes it meanwhile).
            var id = _nextTaskId + 1;
            var arguments = await BindAsync(record, function, argumentsJson, id).ConfigureAwait(false);
            if (arguments.Error is { } error)
            {
                return TaskManagerResult<ManagedTask>.Invalid(error, arguments.ErrorPath);
            }
            _nextTaskId = id;
            var taskRecord = new TaskRecord(id, name ?? $"{app}/{function}", app, record.Version, function, argumentsJson, TaskState.Running, null, null, Time.GetUtcNow());
            var task = new ManagedTask(taskRecord, NewLog(), new LuaTaskData(_services.Options.TimeSeriesCapacity));
            try
            {
                await _store.SaveTaskAsync(taskRecord).ConfigureAwait(false);
            }
            catch
            {
                await RunCleanup(id, arguments.Cleanup).ConfigureAwait(false);
                throw;
            }
            lock (_lock)
            {
                _tasks[id] = task;
            }
            StartRun(task, record, arguments);
            return TaskManagerResult<ManagedTask>.Success(task);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops a Running task (user stop): Disabled is stored first, then the task is interrupted; answers once every
    /// thread ended (to-be-closed variables ran). The wait for the end does not hold up the manager's other calls.
    /// </summary>
    /// <returns>The task (Disabled), NotFound, or Conflict when it is not Running.</returns>
    public async Task<TaskManagerResult<ManagedTask>> StopTaskAsync(long id)
    {
        ManagedTask task;
        LuaRun run;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Find(id) is not { } found)
            {
                return TaskManagerResult<ManagedTask>.NotFound(NoTask(id));
            }
            if (found.State != TaskState.Running || found.Run is not { } current)
            {
                return TaskManagerResult<ManagedTask>.Conflict($"task {id} is {found.State}; only a Running task can be stopped");
            }
            (task, run) = (found, current);
            // Stored before it takes effect: a crash from here on never runs the task again.
            task.Stored = task.Stored with { State = TaskState.Disabled, Reason = TaskReasons.StoppedByOperator, Traceback = null };
            await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
            run.Stop(TaskReasons.StoppedByOperator);
        }
        finally
        {
            _gate.Release();
        }
        var final = await run.WhenEnded.ConfigureAwait(false);
        if (final == TaskState.Error)
        {
            // It failed on its way out (a close handler raised, or the watchdog): keep the truth.
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (ReferenceEquals(task.Run, run) && Find(task.Id) is not null && task.Stored.State is TaskState.Disabled or TaskState.Error)
                {
                    await Settle(task, run, final).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        return TaskManagerResult<ManagedTask>.Success(task);
    }

    /// <summary>
    /// Starts a Disabled or Stopped task again, afresh (a new Lua state) on the latest version of its app. A task in
    /// Error is refused until it is reset, unless its app was redeployed since it failed.
    /// </summary>
    /// <returns>The task (Running), NotFound, Conflict (Running, or Error), or Invalid (its arguments no longer bind).</returns>
    public async Task<TaskManagerResult<ManagedTask>> ResumeTaskAsync(long id)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (FindWithLatestApp(id, out var task, out var app) is { } missing)
            {
                return missing;
            }
            switch (task.State)
            {
                case TaskState.Running:
                    return TaskManagerResult<ManagedTask>.Conflict($"task {id} is already Running");
                case TaskState.Error when app.Version <= task.AppVersion:
                    return TaskManagerResult<ManagedTask>.Conflict($"task {id} is in Error ({task.Reason}); reset it first, or redeploy its app");
                default:
                    break;
            }
            if (task.Run is { } previous)
            {
                await previous.WhenEnded.ConfigureAwait(false);
            }
            var arguments = await BindAsync(app, task.Function, task.ArgumentsJson, id).ConfigureAwait(false);
            if (arguments.Error is { } error)
            {
                return TaskManagerResult<ManagedTask>.Invalid(error, arguments.ErrorPath);
            }
            var before = task.Stored;
            task.Stored = before with { AppVersion = app.Version, State = TaskState.Running, Reason = null, Traceback = null };
            task.RunIsCurrent = false;
            try
            {
                await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
            }
            catch
            {
                task.Stored = before;
                await RunCleanup(id, arguments.Cleanup).ConfigureAwait(false);
                throw;
            }
            StartRun(task, app, arguments);
            return TaskManagerResult<ManagedTask>.Success(task);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Resets a task in Error: Disabled, on the latest version of its app, reason cleared.</summary>
    /// <returns>The task (Disabled), NotFound, or Conflict when it is not in Error.</returns>
    public async Task<TaskManagerResult<ManagedTask>> ResetTaskAsync(long id)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Find(id) is not { } task)
            {
                return TaskManagerResult<ManagedTask>.NotFound(NoTask(id));
            }
            if (task.State != TaskState.Error)
            {
                return TaskManagerResult<ManagedTask>.Conflict($"task {id} is {task.State}; only a task in Error can be reset");
            }
            if (task.Run is { } run)
            {
                await run.WhenEnded.ConfigureAwait(false);
            }
            task.Stored = task.Stored with
            {
                AppVersion = LatestApp(task.App)?.Version ?? task.AppVersion,
                State = TaskState.Disabled,
                Reason = TaskReasons.ResetAfter(task.Reason),
                Traceback = null,
            };
            task.RunIsCurrent = false;
            await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
            return TaskManagerResult<ManagedTask>.Success(task);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Gives a task new arguments and starts it afresh with them (the console's "edit and restart"). The arguments are
    /// checked against the latest version of its app first: when they are wrong nothing changes. Otherwise they are
    /// stored, a Running task is stopped, one in Error reset, and the task resumes.
    /// </summary>
    /// <param name="id">The task's id.</param>
    /// <param name="argumentsJson">A JSON array (positional) or object; null for none.</param>
    /// <returns>The task (Running), NotFound, or Invalid (the arguments, with their path).</returns>
    public async Task<TaskManagerResult<ManagedTask>> ChangeArgumentsAsync(long id, string? argumentsJson)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (FindWithLatestApp(id, out var task, out var app) is { } missing)
            {
                return missing;
            }
            var check = await BindAsync(app, task.Function, argumentsJson, id, checkOnly: true).ConfigureAwait(false);
            if (check.Error is { } error)
            {
                return TaskManagerResult<ManagedTask>.Invalid(error, check.ErrorPath);
            }
            task.Stored = task.Stored with { ArgumentsJson = argumentsJson };
            await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        // Each step takes the gate itself; a concurrent stop or delete in between answers what it found.
        var state = FindTask(id) is { Ok: true, Value: { } found } ? found.State : TaskState.Disabled;
        if (state == TaskState.Running && await StopTaskAsync(id).ConfigureAwait(false) is { Ok: false } stopped)
        {
            return stopped;
        }
        if (state == TaskState.Error && await ResetTaskAsync(id).ConfigureAwait(false) is { Ok: false } reset)
        {
            return reset;
        }
        return await ResumeTaskAsync(id).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a task and its data. The deletion is stored first; a Running task is then stopped and the call answers
    /// once it ended. With <paramref name="force"/> its threads end at once without running more of their code (for a
    /// task stuck where no stop reaches it) and the call does not wait.
    /// </summary>
    /// <param name="id">The task's id.</param>
    /// <param name="force">End the task's threads at once instead of stopping it.</param>
    /// <returns>The task as it was last, or NotFound.</returns>
    public async Task<TaskManagerResult<ManagedTask>> DeleteTaskAsync(long id, bool force = false)
    {
        ManagedTask task;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Find(id) is not { } found)
            {
                return TaskManagerResult<ManagedTask>.NotFound(NoTask(id));
            }
            task = found;
            await _store.DeleteTaskAsync(id).ConfigureAwait(false);
            lock (_lock)
            {
                _tasks.Remove(id);
            }
            if (task.Run is { } run && force)
            {
                _logger.TaskDeletedByForce(task.Id, task.Name);
                run.Abandon("deleted by force");
            }
            else
            {
                task.Run?.Stop("deleted by the operator");
            }
        }
        finally
        {
            _gate.Release();
        }
        if (!force && task.Run is { } stopping)
        {
            await stopping.WhenEnded.ConfigureAwait(false);
        }
        return TaskManagerResult<ManagedTask>.Success(task);
    }

    /// <summary>
    /// Rebuilds the apps and tasks from the store at start: apps and their versions, tasks with their state and data.
    /// Running tasks start again (afresh; a task whose arguments no longer bind goes to Error, stored); Disabled,
    /// Stopped and Error tasks stay so.
    /// </summary>
    /// <param name="state">What the store read back.</param>
    /// <param name="hold">True (<c>liberty run --safe</c>): start nothing; tasks that were Running are stored Disabled.</param>
    /// <returns>How many tasks were started again.</returns>
    /// <exception cref="InvalidOperationException">The manager already has apps or tasks.</exception>
    public async Task<int> RecoverAsync(StoredNodeState state, bool hold = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_apps.Count > 0 || _tasks.Count > 0)
                {
                    throw new InvalidOperationException("RecoverAsync must run once, before anything is deployed or started.");
                }
                foreach (var app in state.Apps.OrderBy(a => a.Version))
                {
                    if (!_apps.TryGetValue(app.Name, out var versions))
                    {
                        _apps[app.Name] = versions = [];
                    }
                    versions.Add(app);
                }
                foreach (var record in state.Tasks)
                {
                    var data = new LuaTaskData(_services.Options.TimeSeriesCapacity, state.TaskData.GetValueOrDefault(record.Id));
                    _tasks[record.Id] = new ManagedTask(record, NewLog(), data);
                    _nextTaskId = Math.Max(_nextTaskId, record.Id);
                }
            }
            var started = 0;
            foreach (var task in Snapshot().Where(t => t.Stored.State == TaskState.Running))
            {
                if (hold)
                {
                    task.Stored = task.Stored with { State = TaskState.Disabled, Reason = TaskReasons.HeldAtSafeStart };
                    _logger.TaskHeld(task.Id, task.Name);
                    await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
                    continue;
                }
                var app = App(task.App, task.AppVersion) ?? LatestApp(task.App);
                var arguments = app is null
                    ? TaskArguments.Failed($"its app '{task.App}' is gone")
                    : await BindAsync(app, task.Function, task.ArgumentsJson, task.Id).ConfigureAwait(false);
                if (arguments.Error is { } error)
                {
                    task.Stored = task.Stored with { State = TaskState.Error, Reason = $"could not restart: {error}", Traceback = null };
                    _logger.RestartFailed(task.Id, task.Name, error);
                    await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
                    continue;
                }
                StartRun(task, app!, arguments);
                started++;
            }
            return started;
        }
        finally
        {
            _gate.Release();
        }
    }

    // A task and the latest version of its app, or NotFound for either.
    private TaskManagerResult<ManagedTask>? FindWithLatestApp(long id, out ManagedTask task, out AppRecord app)
    {
        task = null!;
        app = null!;
        if (Find(id) is not { } found)
        {
            return TaskManagerResult<ManagedTask>.NotFound(NoTask(id));
        }
        task = found;
        if (LatestApp(found.App) is not { } latest)
        {
            return TaskManagerResult<ManagedTask>.NotFound(NoApp(found.App));
        }
        app = latest;
        return null;
    }

    private LuaTaskLog NewLog() => new(_services.Options, Time);

    // Checks that the function is an entry point of the version, then binds the arguments against its signature.
    private async ValueTask<TaskArguments> BindAsync(AppRecord app, string function, string? argumentsJson, long taskId, bool checkOnly = false)
    {
        var schema = SchemaOf(app);
        if (schema.Broken is { } broken)
        {
            return TaskArguments.Failed($"the app's {broken.Message}", "$.app");
        }
        if (!schema.IsEntry(function, out var why))
        {
            return TaskArguments.Failed(why!, "$.function");
        }
        return await _binder.BindAsync(schema.Signature, function, argumentsJson, taskId, checkOnly, CancellationToken.None).ConfigureAwait(false);
    }

    // Under the gate: starts a run of the task and watches its end.
    private void StartRun(ManagedTask task, AppRecord app, TaskArguments arguments)
    {
        var run = new LuaRun(_services, task.Id, task.Name, new LuaTaskDefinition(app.Source, ChunkName(app.Name), task.Function, arguments.Values), task.Log, task.Data);
        task.Run = run;
        task.RunIsCurrent = true;
        task.Stored = task.Stored with { State = TaskState.Running, Reason = null, Traceback = null };
        run.BeforeError = reason => StoreFailureAsync(task, run, reason);
        run.Start();
        _logger.TaskStarted(task.Id, task.Name, app.Name, app.Version, task.Function);
        _ = WatchRunAsync(task, run, arguments.Cleanup);
    }

    // The run is failing (uncaught error, watchdog): its Error is stored before the kill takes effect (the engine waits
    // for this write, within bounds). Not under the gate: the gate may be held by a call that waits for the store too.
    private async Task StoreFailureAsync(ManagedTask task, LuaRun run, string reason)
    {
        TaskRecord record;
        lock (_lock)
        {
            if (_disposing || !ReferenceEquals(task.Run, run) || !task.RunIsCurrent || !_tasks.ContainsKey(task.Id) || task.Stored.State is not (TaskState.Running or TaskState.Disabled))
            {
                return;
            }
            task.Stored = record = task.Stored with { State = TaskState.Error, Reason = reason };
        }
        try
        {
            await _store.SaveTaskAsync(record).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.SaveFailed(ex, task.Id);
        }
    }

    // Once a run ended: undo its arguments (virtual devices), then store its final state unless the manager already
    // moved on (stopped and stored it, reset, resumed or deleted the task).
    private async Task WatchRunAsync(ManagedTask task, LuaRun run, Func<ValueTask>? cleanup)
    {
        var final = await run.WhenEnded.ConfigureAwait(false);
        await RunCleanup(task.Id, cleanup).ConfigureAwait(false);
        if (_disposing)
        {
            return;
        }
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Running: its end is news. Error stored early (StoreFailureAsync): store it again with the traceback.
            if (ReferenceEquals(task.Run, run) && task.RunIsCurrent && Find(task.Id) is not null
                && (task.Stored.State == TaskState.Running || (task.Stored.State == TaskState.Error && final == TaskState.Error)))
            {
                await Settle(task, run, final).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.SaveFailed(ex, task.Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate: records the final state of the current run and stores it.
    private async Task Settle(ManagedTask task, LuaRun run, TaskState final)
    {
        task.Stored = task.Stored with { State = final, Reason = run.Reason, Traceback = final == TaskState.Error ? run.Traceback : null };
        _logger.TaskRunEnded(task.Id, task.Name, final);
        await _store.SaveTaskAsync(task.Stored).ConfigureAwait(false);
    }

    private async Task RunCleanup(long taskId, Func<ValueTask>? cleanup)
    {
        if (cleanup is null)
        {
            return;
        }
        try
        {
            await cleanup().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.ArgumentCleanupFailed(ex, taskId);
        }
    }
}
