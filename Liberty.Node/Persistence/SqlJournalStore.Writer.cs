using System.Data.Common;

namespace Liberty.Node.Persistence;

/// <summary>The writer loop: batches of queued writes, one transaction each.</summary>
internal abstract partial class SqlJournalStore
{
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
        try
        {
            await EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
            _writeConnection ??= await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            var transaction = await _writeConnection.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var request in batch)
                {
                    // A savepoint per write: a unique violation (another process wrote the same numbers)
                    // undoes this write only, and the others of the batch still commit.
                    await transaction.SaveAsync("w").ConfigureAwait(false);
                    try
                    {
                        await request.ExecuteAsync(_writeConnection, transaction).ConfigureAwait(false);
                        await transaction.ReleaseAsync("w").ConfigureAwait(false);
                    }
                    catch (DbException ex) when (IsUniqueViolation(ex))
                    {
                        await transaction.RollbackAsync("w").ConfigureAwait(false);
                        _highest.Remove(request.PersistenceId);
                        var highest = await HighestAsync(_writeConnection, transaction, request.PersistenceId).ConfigureAwait(false);
                        request.SetConflict(highest);
                    }
                }
                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the batch is stored: forget what the writer believed, reopen next time,
            // and tell every caller (their tasks fault; the exception is theirs to report).
            Logger.BatchFailed(ex, batch.Count);
            _highest.Clear();
            if (_writeConnection is not null)
            {
                await _writeConnection.DisposeAsync().ConfigureAwait(false);
                _writeConnection = null;
            }
            foreach (var request in batch)
            {
                request.Fail(ex);
            }
            return;
        }
        // Complete only after the commit: an acknowledged write is a durable write.
        foreach (var request in batch)
        {
            request.Complete();
        }
    }

    /// <summary>A queued write: its work inside the transaction, and its caller's task.</summary>
    private abstract class WriteRequest(string persistenceId)
    {
        public string PersistenceId { get; } = persistenceId;

        public abstract Task ExecuteAsync(DbConnection connection, DbTransaction transaction);

        public abstract void SetConflict(long highest);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
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
    }
}
