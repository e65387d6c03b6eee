namespace Liberty.Node.Cli;

/// <summary>A plain-text table for people: a header row, aligned columns, two spaces between.</summary>
internal static class TextTable
{
    /// <summary>Writes the table.</summary>
    /// <param name="output">Where.</param>
    /// <param name="headers">The column names.</param>
    /// <param name="rows">The rows, each as many cells as headers.</param>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(static h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        WriteRow(output, headers, widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    /// <summary>Writes <c>key: value</c> lines, keys aligned.</summary>
    /// <param name="output">Where.</param>
    /// <param name="pairs">The pairs.</param>
    public static void WritePairs(TextWriter output, IReadOnlyList<(string Key, string Value)> pairs)
    {
        var width = pairs.Count == 0 ? 0 : pairs.Max(static p => p.Key.Length) + 1;
        foreach (var (key, value) in pairs)
        {
            output.WriteLine((key + ":").PadRight(width) + " " + value);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var parts = new string[widths.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            parts[i] = i == widths.Length - 1 ? cell : cell.PadRight(widths[i]);
        }
        output.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
