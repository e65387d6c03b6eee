using System.Collections.Concurrent;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Figures a benchmark measures itself (not through BenchmarkDotNet's clock), such as bytes per
/// idle actor. Each sample is also printed at once, so the figure is in the log even for
/// out-of-process jobs; <see cref="FigureColumn"/> shows the mean in the summary of in-process jobs.
/// </summary>
public static class KernelFigures
{
    private static readonly ConcurrentDictionary<(string Benchmark, string Figure), List<double>> Samples = new();

    public static void Record(string benchmark, string figure, double value)
    {
        var list = Samples.GetOrAdd((benchmark, figure), static _ => []);
        lock (list)
        {
            list.Add(value);
        }
        Console.WriteLine(FormattableString.Invariant($"// {benchmark}: {value:F1} {figure}"));
    }

    public static bool TryGetMean(string benchmark, string figure, out double mean)
    {
        mean = 0;
        if (!Samples.TryGetValue((benchmark, figure), out var list))
        {
            return false;
        }
        lock (list)
        {
            if (list.Count == 0)
            {
                return false;
            }
            mean = list.Average();
            return true;
        }
    }
}
