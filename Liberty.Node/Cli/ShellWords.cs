using System.Text;

namespace Liberty.Node.Cli;

/// <summary>Splits a shell line into words: spaces separate, single and double quotes group, backslash escapes.</summary>
internal static class ShellWords
{
    /// <summary>Splits a line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="words">The words when true.</param>
    /// <param name="error">What is wrong (an unclosed quote) when false.</param>
    /// <returns>True when the line splits.</returns>
    public static bool TrySplit(string line, out List<string> words, out string error)
    {
        ArgumentNullException.ThrowIfNull(line);
        words = [];
        error = "";
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                {
                    current.Append(line[++i]);
                }
                else
                {
                    current.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }
                    break;
                case '\'' or '"':
                    quote = c;
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    current.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (quote != '\0')
        {
            error = $"unclosed {quote} quote";
            return false;
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return true;
    }
}
