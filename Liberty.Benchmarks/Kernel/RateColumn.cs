using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// A summary column that turns BenchmarkDotNet's mean time per operation (the benchmark's
/// <c>OperationsPerInvoke</c>) into the rate docs/architecture.md, "Performance targets" states its targets in, e.g. "M msg/s".
/// </summary>
/// <param name="header">The column's header, e.g. "M msg/s".</param>
/// <param name="divisor">Divides the per-second rate for display (1e6 for millions).</param>
public sealed class RateColumn(string header, double divisor) : IColumn
{
    public string Id => $"{nameof(RateColumn)}.{header}";

    public string ColumnName => header;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Operations per second derived from Mean (nanoseconds per operation), divided by {divisor:G}";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (1e9 / mean.Value / divisor).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "NA";
    }

    public override string ToString() => ColumnName;
}
