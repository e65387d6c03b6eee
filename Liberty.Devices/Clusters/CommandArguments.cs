using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>Reads command arguments with the range checks and messages every cluster uses.</summary>
internal static class CommandArguments
{
    /// <summary>
    /// Reads argument <paramref name="index"/> as an integer in <paramref name="min"/>..<paramref name="max"/>; a missing
    /// argument gives <paramref name="fallback"/> when one is given.
    /// </summary>
    /// <returns>Null on success, else the refusal naming the command and argument.</returns>
    public static CommandResult? TryGet(IReadOnlyList<AttributeValue> arguments, int index, string command, string name, long min, long max, out long value, long? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (index >= arguments.Count || arguments[index].IsNull)
        {
            value = fallback ?? 0;
            return fallback is null
                ? CommandResult.Fail(CommandStatus.InvalidArgument, $"{command}: argument {index + 1} ({name}) is missing.")
                : null;
        }
        var argument = arguments[index];
        if (argument.TryGetInt64(out value) && value >= min && value <= max)
        {
            return null;
        }
        return CommandResult.Fail(CommandStatus.InvalidArgument, $"{command}: argument {index + 1} ({name}) must be an integer in {min}..{max}, not {argument}.");
    }
}
