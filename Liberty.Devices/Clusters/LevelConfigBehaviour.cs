using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// Libertas level-config cluster (0xFC02): how controls of a level device behave (attributes 0–5, the arguments of
/// <c>Libre_VirtualDeviceLevelConfigExtra</c>). It describes the device to UIs and remotes; it does not limit the
/// Level cluster, whose limits are its own MinLevel/MaxLevel.
/// </summary>
internal sealed class LevelConfigBehaviour : ClusterBehaviour
{
    /// <summary>Default StepSingle: one press moves a tenth of the range.</summary>
    public const int DefaultStepSingle = 25;

    /// <summary>Default StepRepeat while held.</summary>
    public const int DefaultStepRepeat = 10;

    /// <summary>Default StepIntervalMs while held.</summary>
    public const int DefaultStepIntervalMs = 200;

    public LevelConfigBehaviour(AttributeTable table)
        : base(ClusterIds.LevelConfig, table)
    {
        table.Set(ClusterId, AttributeIds.LevelConfig.Min, 0L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.LevelConfig.Max, 255L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.LevelConfig.StepOnly, false, EventSource.Report);
        table.Set(ClusterId, AttributeIds.LevelConfig.StepSingle, (long)DefaultStepSingle, EventSource.Report);
        table.Set(ClusterId, AttributeIds.LevelConfig.StepRepeat, (long)DefaultStepRepeat, EventSource.Report);
        table.Set(ClusterId, AttributeIds.LevelConfig.StepIntervalMs, (long)DefaultStepIntervalMs, EventSource.Report);
    }

    protected override CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all)
    {
        switch (attribute)
        {
            case AttributeIds.LevelConfig.Min:
            case AttributeIds.LevelConfig.Max:
                if (CheckRange(attribute, value, 0, 255) is { } outOfRange)
                {
                    return outOfRange;
                }
                var min = all.TryGetValue(AttributeIds.LevelConfig.Min, out var newMin) && newMin.TryGetInt64(out var m) ? m : Table.GetInt64(ClusterId, AttributeIds.LevelConfig.Min);
                var max = all.TryGetValue(AttributeIds.LevelConfig.Max, out var newMax) && newMax.TryGetInt64(out var x) ? x : Table.GetInt64(ClusterId, AttributeIds.LevelConfig.Max);
                return min <= max ? null : CommandResult.Fail(CommandStatus.InvalidArgument, $"Level config min ({min}) must not exceed max ({max}).");
            case AttributeIds.LevelConfig.StepOnly:
                return value.Kind == AttributeValueKind.Boolean || (value.TryGetInt64(out var flag) && flag is 0 or 1)
                    ? null
                    : CommandResult.Fail(CommandStatus.InvalidArgument, $"Level config stepOnly (attribute 2) must be a boolean, not {value}.");
            case AttributeIds.LevelConfig.StepSingle:
            case AttributeIds.LevelConfig.StepRepeat:
                return CheckRange(attribute, value, 1, 255);
            case AttributeIds.LevelConfig.StepIntervalMs:
                return CheckRange(attribute, value, 1, 0xFFFF);
            default:
                return base.CheckWrite(attribute, value, all);
        }
    }

    protected override void ApplyWrite(int attribute, AttributeValue value, EventSource source, DateTimeOffset now)
    {
        if (attribute == AttributeIds.LevelConfig.StepOnly)
        {
            value.TryGetBoolean(out var stepOnly);
            Table.Set(ClusterId, attribute, stepOnly, source);
            return;
        }
        base.ApplyWrite(attribute, value, source, now);
    }
}
