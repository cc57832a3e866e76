namespace ProcOrleans.Grains.Processes;

/// <summary>One port a process binds, as validated from a <c>bind_info</c> row.</summary>
/// <param name="Ip">Empty, null, or a literal IPv4/IPv6 address.</param>
/// <param name="Port"><c>N</c> or <c>N-M</c>, 1..65535.</param>
/// <param name="Protocol"><c>"1"</c> TCP, <c>"2"</c> UDP, <c>"3"</c> TCP6, <c>"4"</c> UDP6.</param>
/// <param name="Enable">Whether the port is enabled.</param>
/// <param name="TemplateRowId">Template row index, when the caller gave one.</param>
[GenerateSerializer, Immutable, Alias("procorleans.BindInfoRow")]
public sealed record BindInfoRow(string? Ip, string Port, string Protocol, bool Enable, long? TemplateRowId);
