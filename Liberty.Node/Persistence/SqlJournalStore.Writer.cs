using System.Data.Common;

namespace Liberty.Node.Persistence;

/// <summary>The writer loop: batches of queued writes, one transaction each.</summary>
internal abstract partial class SqlJournalStore
{
    /// <summary>A batch that fails before its commit is tried once more on a fresh connection.</summary>
    private const int MaxAttempts = 2;

    private async Task WriterLoopAsync()
    {
        var batch = new List<WriteRequest>(Math.Min(_maxBatch, 1024));
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }
            await ExecuteBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task ExecuteBatchAsync(List<WriteRequest> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
                _writeConnection ??= await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                var transaction = await _writeConnection.BeginTransactionAsync().ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (await ExecuteInTransactionAsync(_writeConnection, transaction, batch).ConfigureAwait(false))
                    {
                        committing = true;
                        await transaction.CommitAsync().ConfigureAwait(false);
                    }
                }
                break;
            }
            catch (Exception ex)
            {
                // Nothing of the batch is stored (or, if the commit itself failed, nobody knows):
                // forget what the writer believed and drop the connection.
                _highest.Clear();
                await DropWriteConnectionAsync().ConfigureAwait(false);
                if (attempt < MaxAttempts && !committing && ex is DbException or InvalidOperationException { InnerException: DbException })
                {
                    // Failed before the commit was sent (a dropped connection, a busy database): nothing
                    // is stored, so one more try on a fresh connection is safe.
                    Logger.BatchRetried(ex, batch.Count);
                    foreach (var request in batch)
                    {
                        request.Reset();
                    }
                    continue;
                }
                // A failed commit is not retried: it may have been stored, and a second try would
                // then be reported as a conflict instead of the truth (unknown).
                Logger.BatchFailed(ex, batch.Count);
                foreach (var request in batch)
                {
                    request.Fail(ex);
                }
                return;
            }
        }
        // Complete only after the commit: an acknowledged write is a durable write.
        foreach (var request in batch)
        {
            request.Complete();
        }
    }

    /// <summary>Runs the batch's writes; returns false when it rolled the transaction back (a lone write's conflict).</summary>
    private async Task<bool> ExecuteInTransactionAsync(DbConnection connection, DbTransaction transaction, List<WriteRequest> batch)
    {
        // A savepoint per write when several share the transaction: a unique violation (another
        // process wrote the same numbers) undoes that write only, and the others still commit.
        // A lone write needs none (saving two round trips): its violation rolls back everything.
        var savepoints = batch.Count > 1;
        foreach (var request in batch)
        {
            if (savepoints)
            {
                await transaction.SaveAsync("w").ConfigureAwait(false);
            }
            try
            {
                await request.ExecuteAsync(connection, transaction).ConfigureAwait(false);
                if (savepoints)
                {
                    await transaction.ReleaseAsync("w").ConfigureAwait(false);
                }
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                _highest.Remove(request.PersistenceId);
                if (!savepoints)
                {
                    await transaction.RollbackAsync().ConfigureAwait(false);
                    request.SetConflict(await HighestAsync(connection, null, request.PersistenceId).ConfigureAwait(false));
                    return false;
                }
                await transaction.RollbackAsync("w").ConfigureAwait(false);
                request.SetConflict(await HighestAsync(connection, transaction, request.PersistenceId).ConfigureAwait(false));
            }
        }
        return true;
    }

    private async Task DropWriteConnectionAsync()
    {
        if (_writeConnection is null)
        {
            return;
        }
        var broken = _writeConnection;
        _writeConnection = null;
        try
        {
            await broken.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Closing a connection the server already dropped may throw; it is gone either way.
        }
        OnWriteConnectionDropped();
    }

    /// <summary>A queued write: its work inside the transaction, and its caller's task.</summary>
    private abstract class WriteRequest(string persistenceId)
    {
        public string PersistenceId { get; } = persistenceId;

        public abstract Task ExecuteAsync(DbConnection connection, DbTransaction transaction);

        public abstract void SetConflict(long highest);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        /// <summary>Forgets the outcome of a failed attempt before the batch is tried again.</summary>
        public abstract void Reset();
    }

    /// <summary>A write whose outcome is a <typeparamref name="T"/>.</summary>
    private sealed class WriteRequest<T>(string persistenceId, Func<DbConnection, DbTransaction, Task<T>> work) : WriteRequest(persistenceId)
    {
        // Callers' continuations must not run on the writer loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _conflict;

        public Task<T> Task => _done.Task;

        public override async Task ExecuteAsync(DbConnection connection, DbTransaction transaction) =>
            _result = await work(connection, transaction).ConfigureAwait(false);

        public override void SetConflict(long highest)
        {
            if (typeof(T) == typeof(AppendResult))
            {
                _result = (T)(object)new AppendResult(AppendStatus.Conflict, highest);
            }
            else
            {
                _conflict = new InvalidOperationException($"A write of '{PersistenceId}' hit a unique key that another writer holds.");
            }
        }

        public override void Complete()
        {
            if (_conflict is not null)
            {
                _done.TrySetException(_conflict);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => _done.TrySetException(exception);

        public override void Reset()
        {
            _result = default;
            _conflict = null;
        }
    }
}
