namespace ProcOrleans.Grains.Errors;

/// <summary>
/// The one exception for domain errors: a bk-cmdb code and the arguments of its message template.
/// The message itself is rendered per request language by the gateway. It crosses grain and silo
/// boundaries with its code, arguments and permission intact.
/// </summary>
[GenerateSerializer, Alias("procorleans.CmdbException")]
public sealed class CmdbException : Exception
{
    [Id(0)]
    private readonly int _code;

    [Id(1)]
    private readonly object[] _args;

    [Id(2)]
    private readonly MissingPermission? _permission;

    public CmdbException(int code, params object[] args)
        : base(ErrorMessages.Format(code, ErrorMessages.English, args))
    {
        _code = code;
        _args = args;
    }

    public CmdbException(MissingPermission permission)
        : this(ErrorCodes.PermissionDenied)
    {
        _permission = permission;
    }

    /// <summary>The bk-cmdb error code.</summary>
    public int Code => _code;

    /// <summary>Arguments for the code's message template.</summary>
    public IReadOnlyList<object> Args => _args;

    /// <summary>Set on 9900403: what the caller would need.</summary>
    public MissingPermission? Permission => _permission;
}
