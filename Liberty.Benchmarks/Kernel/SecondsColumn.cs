using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Liberty.Benchmarks.Kernel;

/// <summary>A summary column showing the mean time per operation in seconds (the unit of the shutdown target).</summary>
public sealed class SecondsColumn : IColumn
{
    public string Id => nameof(SecondsColumn);

    public string ColumnName => "seconds";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per operation, in seconds";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (mean.Value / 1e9).ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "NA";
    }

    public override string ToString() => ColumnName;
}
