namespace ProcOrleans.Gateway.Esb;

/// <summary>Settings of the ESB front door: who may call, what they may change, request limits.</summary>
public sealed class EsbOptions
{
    public const string SectionName = "Esb";

    public const string Wildcard = "*";

    public List<EsbApp> Apps { get; set; } = [];

    public List<EsbGrant> Grants { get; set; } = [];

    /// <summary>Lets requests through without app credentials. Off unless set explicitly.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Largest request body accepted, in bytes. 100 processes of maximal strings fit.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Most bytes of an oversized body read and dropped before the 413 answer. Clients such as Python's
    /// urllib send the whole body before they read; closing on them mid-send is a broken pipe, not an answer.
    /// Past this the connection is closed after the answer.
    /// </summary>
    public int DrainBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Sizes of lists and strings in a request.</summary>
    public EsbLimits Limits { get; set; } = new();
}
