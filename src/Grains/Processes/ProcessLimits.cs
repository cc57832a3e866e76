namespace ProcOrleans.Grains.Processes;

/// <summary>The size limits of process attributes; the defaults are API.md's.</summary>
/// <param name="ShortStringBytes">Names, function id, description, user (UTF-8 bytes, after trimming).</param>
/// <param name="LongStringBytes">Paths, commands, the start parameter regex.</param>
/// <param name="BindRowsPerProcess">(ours) Rows of one process's <c>bind_info</c>.</param>
public sealed record ProcessLimits(int ShortStringBytes = 256, int LongStringBytes = 2000, int BindRowsPerProcess = 1000)
{
    public static ProcessLimits Default { get; } = new();
}
