namespace Liberty.Node.Lua.Api;

/// <summary>
/// A task's data (docs/app-api.md section 7), kept across its runs: standalone values (name → JSON text of the
/// Lua value) in memory and written through <see cref="Engine.ITaskStore.SaveTaskDataAsync"/> in call order;
/// time series in memory only, each a ring of at most <see cref="LuaFrontEndOptions.TimeSeriesCapacity"/> points,
/// at most <see cref="MaxSeries"/> series per task.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any (a lock guards the maps). <b>Cancellation:</b> none. <b>Ordering:</b> writes reach the
/// store in call order (the store keeps its call order).</para>
/// </remarks>
internal sealed class LuaTaskData
{
    /// <summary>Most time series one task may open.</summary>
    public const int MaxSeries = 64;

    /// <summary>Longest standalone name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Largest standalone value (JSON text, characters).</summary>
    public const int MaxValueLength = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSeries> _series = new(StringComparer.Ordinal);
    private readonly List<TimeSeries> _byHandle = [];
    private readonly int _capacity;

    /// <summary>Creates the data of a task, with values restored from the store.</summary>
    public LuaTaskData(int timeSeriesCapacity, IReadOnlyDictionary<string, string>? restored = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeSeriesCapacity);
        _capacity = timeSeriesCapacity;
        if (restored is not null)
        {
            foreach (var (name, value) in restored)
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>The schema given to <c>Libre_DataInitSchema</c> (as JSON), or null.</summary>
    public string? Schema { get; set; }

    /// <summary>Standalone values now (name → JSON text).</summary>
    public IReadOnlyDictionary<string, string> Values
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_values, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Reads a standalone value (JSON text), or null.</summary>
    public string? Read(string name)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault(name);
        }
    }

    /// <summary>Sets (or with null erases) a value in memory; the caller then writes it to the store.</summary>
    public void Set(string name, string? json)
    {
        lock (_lock)
        {
            if (json is null)
            {
                _values.Remove(name);
            }
            else
            {
                _values[name] = json;
            }
        }
    }

    /// <summary>Opens (or creates) a time series.</summary>
    /// <returns>Its handle (1-based), or 0 when the task has <see cref="MaxSeries"/> already.</returns>
    public long OpenSeries(string name)
    {
        lock (_lock)
        {
            if (_series.TryGetValue(name, out var existing))
            {
                return existing.Handle;
            }
            if (_byHandle.Count >= MaxSeries)
            {
                return 0;
            }
            var series = new TimeSeries(name, _byHandle.Count + 1, _capacity);
            _series[name] = series;
            _byHandle.Add(series);
            return series.Handle;
        }
    }

    /// <summary>The series with <paramref name="handle"/>, or null.</summary>
    public TimeSeries? FindSeries(long handle)
    {
        lock (_lock)
        {
            return handle >= 1 && handle <= _byHandle.Count ? _byHandle[(int)handle - 1] : null;
        }
    }

    /// <summary>One time series: a bounded ring of (time, value) points in time order of writing.</summary>
    internal sealed class TimeSeries(string name, long handle, int capacity)
    {
        private readonly Lock _lock = new();
        private readonly Queue<(double Time, double Value)> _points = new();
        private long _dropped;

        /// <summary>The name.</summary>
        public string Name { get; } = name;

        /// <summary>The handle Lua sees.</summary>
        public long Handle { get; } = handle;

        /// <summary>Appends a point; the oldest goes when the ring is full.</summary>
        public void Write(double time, double value)
        {
            lock (_lock)
            {
                if (_points.Count >= capacity)
                {
                    _points.Dequeue();
                    _dropped++;
                }
                _points.Enqueue((time, value));
            }
        }

        /// <summary>Count, first and last time, min, max, the points dropped by the ring.</summary>
        public (int Count, double First, double Last, double Min, double Max, long Dropped) Stat()
        {
            lock (_lock)
            {
                if (_points.Count == 0)
                {
                    return (0, 0, 0, 0, 0, _dropped);
                }
                return (_points.Count, _points.Peek().Time, _points.Last().Time, _points.Min(p => p.Value), _points.Max(p => p.Value), _dropped);
            }
        }

        /// <summary>Points with <paramref name="from"/> ≤ time ≤ <paramref name="to"/>, oldest first, at most <paramref name="max"/>.</summary>
        public IReadOnlyList<(double Time, double Value)> Read(double from, double to, int max)
        {
            lock (_lock)
            {
                return [.. _points.Where(p => p.Time >= from && p.Time <= to).Take(max)];
            }
        }
    }
}
