using System.Globalization;
using System.Text;

namespace Liberty.Node.Lua;

/// <summary>
/// <c>os.date</c> in C#: C's <c>strftime</c> conversions in the "C" locale, on the task's <see cref="TimeProvider"/>
/// zone. Lua's own os.date calls the process-global, non-thread-safe <c>gmtime</c>/<c>localtime</c> and the
/// process time zone, so it is not used.
/// </summary>
internal static class LuaDate
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Native <c>date(format, utcSeconds)</c>: a string, the 9 fields of <c>*t</c>, or (false, message).</summary>
    internal static int Native(LuaCallContext context)
    {
        var format = LuaNative.ToString(context.Thread, 1) ?? "%c";
        var seconds = LuaNative.lua_tointegerx(context.Thread, 2, IntPtr.Zero);
        var utc = format.StartsWith('!');
        if (utc)
        {
            format = format[1..];
        }
        var zone = utc ? TimeZoneInfo.Utc : context.State.Options.TimeProvider.LocalTimeZone;
        DateTimeOffset instant;
        try
        {
            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            context.PushBoolean(false);
            context.PushString("time out of range");
            return 2;
        }
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var isDst = !utc && zone.IsDaylightSavingTime(instant);
        if (format.StartsWith("*t", StringComparison.Ordinal))
        {
            context.PushInteger(local.Year);
            context.PushInteger(local.Month);
            context.PushInteger(local.Day);
            context.PushInteger(local.Hour);
            context.PushInteger(local.Minute);
            context.PushInteger(local.Second);
            context.PushInteger((int)local.DayOfWeek + 1);
            context.PushInteger(local.DayOfYear);
            context.PushBoolean(isDst);
            return 9;
        }
        var zoneName = zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : isDst ? zone.DaylightName : zone.StandardName;
        var text = new StringBuilder();
        if (!TryFormat(text, format, local, zoneName, out var error))
        {
            context.PushBoolean(false);
            context.PushString(error!);
            return 2;
        }
        context.PushString(text.ToString());
        return 1;
    }

    private static bool TryFormat(StringBuilder text, string format, DateTimeOffset t, string zoneName, out string? error)
    {
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }
            if (++i < format.Length && format[i] is 'E' or 'O')
            {
                i++;
            }
            if (i >= format.Length)
            {
                error = "invalid conversion specifier '%'";
                return false;
            }
            var conversion = format[i];
            switch (conversion)
            {
                case 'a': text.Append(Days[(int)t.DayOfWeek].AsSpan(0, 3)); break;
                case 'A': text.Append(Days[(int)t.DayOfWeek]); break;
                case 'b' or 'h': text.Append(Months[t.Month - 1].AsSpan(0, 3)); break;
                case 'B': text.Append(Months[t.Month - 1]); break;
                case 'c': TryFormat(text, "%a %b %e %H:%M:%S %Y", t, zoneName, out _); break;
                case 'C': text.Append((t.Year / 100).ToString("00", c)); break;
                case 'd': text.Append(t.Day.ToString("00", c)); break;
                case 'D': TryFormat(text, "%m/%d/%y", t, zoneName, out _); break;
                case 'e': text.Append(t.Day.ToString(c).PadLeft(2)); break;
                case 'F': TryFormat(text, "%Y-%m-%d", t, zoneName, out _); break;
                case 'g': text.Append((ISOWeek.GetYear(t.DateTime) % 100).ToString("00", c)); break;
                case 'G': text.Append(ISOWeek.GetYear(t.DateTime).ToString(c)); break;
                case 'H': text.Append(t.Hour.ToString("00", c)); break;
                case 'I': text.Append(((t.Hour + 11) % 12 + 1).ToString("00", c)); break;
                case 'j': text.Append(t.DayOfYear.ToString("000", c)); break;
                case 'm': text.Append(t.Month.ToString("00", c)); break;
                case 'M': text.Append(t.Minute.ToString("00", c)); break;
                case 'n': text.Append('\n'); break;
                case 'p': text.Append(t.Hour < 12 ? "AM" : "PM"); break;
                case 'r': TryFormat(text, "%I:%M:%S %p", t, zoneName, out _); break;
                case 'R': TryFormat(text, "%H:%M", t, zoneName, out _); break;
                case 'S': text.Append(t.Second.ToString("00", c)); break;
                case 't': text.Append('\t'); break;
                case 'T' or 'X': TryFormat(text, "%H:%M:%S", t, zoneName, out _); break;
                case 'u': text.Append(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek); break;
                case 'U': text.Append(((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7).ToString("00", c)); break;
                case 'V': text.Append(ISOWeek.GetWeekOfYear(t.DateTime).ToString("00", c)); break;
                case 'w': text.Append((int)t.DayOfWeek); break;
                case 'W': text.Append(((t.DayOfYear + 6 - (((int)t.DayOfWeek + 6) % 7)) / 7).ToString("00", c)); break;
                case 'x': TryFormat(text, "%m/%d/%y", t, zoneName, out _); break;
                case 'y': text.Append((t.Year % 100).ToString("00", c)); break;
                case 'Y': text.Append(t.Year.ToString(c)); break;
                case 'z':
                    var offset = t.Offset;
                    text.Append(offset < TimeSpan.Zero ? '-' : '+').Append(Math.Abs(offset.Hours).ToString("00", c)).Append(Math.Abs(offset.Minutes).ToString("00", c));
                    break;
                case 'Z': text.Append(zoneName); break;
                case '%': text.Append('%'); break;
                default:
                    error = $"invalid conversion specifier '%{conversion}'";
                    return false;
            }
        }
        error = null;
        return true;
    }
}
