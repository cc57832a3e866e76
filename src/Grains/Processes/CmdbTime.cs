using System.Globalization;

namespace ProcOrleans.Grains.Processes;

/// <summary>Times as bk-cmdb writes them: RFC 3339, milliseconds with trailing zeros trimmed, a zone offset.</summary>
public static class CmdbTime
{
    /// <summary>Drops what storage cannot keep, so that memory and a reload agree exactly.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Unix milliseconds, the form storage keeps.</summary>
    public static long ToUnixMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>
    /// <c>2019-06-05T14:59:12.065+08:00</c> in <paramref name="zone"/>; a zero offset is written <c>Z</c>, as Go's
    /// RFC 3339 formatting (which bk-cmdb uses) does.
    /// </summary>
    public static string Format(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        Span<char> buffer = stackalloc char[40];
        local.TryFormat(buffer, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var milliseconds = local.Millisecond;
        if (milliseconds != 0)
        {
            buffer[written++] = '.';
            var digits = milliseconds.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0');
            digits.CopyTo(buffer[written..]);
            written += digits.Length;
        }

        var offset = local.Offset;
        if (offset == TimeSpan.Zero)
        {
            buffer[written++] = 'Z';
        }
        else
        {
            buffer[written++] = offset < TimeSpan.Zero ? '-' : '+';
            var absolute = offset.Duration();
            absolute.TryFormat(buffer[written..], out var offsetWritten, "hh':'mm", CultureInfo.InvariantCulture);
            written += offsetWritten;
        }

        return new string(buffer[..written]);
    }
}
