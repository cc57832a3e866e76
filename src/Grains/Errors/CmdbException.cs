namespace ProcOrleans.Grains.Errors;

/// <summary>
/// The one exception for domain errors: a bk-cmdb code and the arguments of its message template.
/// The message itself is rendered per request language by the gateway.
/// </summary>
public sealed class CmdbException : Exception
{
    public CmdbException(int code, params object[] args)
        : base(ErrorMessages.Format(code, ErrorMessages.English, args))
    {
        Code = code;
        Args = args;
    }

    public CmdbException(MissingPermission permission)
        : this(ErrorCodes.PermissionDenied)
    {
        Permission = permission;
    }

    /// <summary>The bk-cmdb error code.</summary>
    public int Code { get; }

    /// <summary>Arguments for the code's message template.</summary>
    public IReadOnlyList<object> Args { get; }

    /// <summary>Set on 9900403: what the caller would need.</summary>
    public MissingPermission? Permission { get; }
}
