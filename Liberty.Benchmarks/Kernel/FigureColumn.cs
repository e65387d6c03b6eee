using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// A summary column showing a figure the benchmark recorded itself in <see cref="KernelFigures"/>
/// (e.g. bytes per idle actor), keyed by the benchmark method's name. Works only for in-process jobs,
/// where the benchmark and the summary share the process.
/// </summary>
/// <param name="header">The column's header and the figure's name.</param>
/// <param name="format">How the mean is formatted (default <c>F0</c>; e.g. <c>F1</c> for milliseconds).</param>
public sealed class FigureColumn(string header, string format = "F0") : IColumn
{
    public string Id => $"{nameof(FigureColumn)}.{header}";

    public string ColumnName => header;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{header}: recorded by the benchmark itself (mean over its iterations)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        KernelFigures.TryGetMean(benchmarkCase.Descriptor.WorkloadMethod.Name, header, out var value)
            ? value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : "NA";

    public override string ToString() => ColumnName;
}
