namespace Liberty.Devices.Clusters;

/// <summary>Drift-free periodic schedules: due times stay on the grid <c>origin + k × period</c> however late a tick runs.</summary>
internal static class PeriodGrid
{
    /// <summary>The first grid point strictly after <paramref name="now"/> (<paramref name="origin"/> itself when now is before it).</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset origin, TimeSpan period, DateTimeOffset now)
    {
        if (now < origin)
        {
            return origin;
        }
        var k = ((now - origin).Ticks / period.Ticks) + 1;
        return origin + TimeSpan.FromTicks(k * period.Ticks);
    }
}
