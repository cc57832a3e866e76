namespace ProcOrleans.Silo.Hosting;

/// <summary>The time zone answers are written in (<c>Time:Zone</c>, an IANA id; the machine's by default).</summary>
public sealed class TimeOptions
{
    public const string SectionName = "Time";

    public string? Zone { get; set; }

    public TimeZoneInfo ResolveZone() =>
        string.IsNullOrWhiteSpace(Zone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(Zone);
}
