namespace ProcOrleans.Grains.Errors;

/// <summary>The codes the service answers, as bk-cmdb numbers them.</summary>
public static class ErrorCodes
{
    public const int Success = 0;
    public const int JsonDecode = 1199000;
    public const int ParamInvalid = 1199006;
    public const int NotString = 1199007;
    public const int NotInteger = 1199009;
    public const int Unassigned = 1199010;
    public const int ParamMissing = 1199011;
    public const int Duplicated = 1199014;
    public const int OutOfBounds = 1199015;
    public const int NotFound = 1199019;
    public const int NotBoolean = 1199025;
    public const int ExceedLimit = 1199035;
    public const int TemplateInstanceForbidden = 1108035;
    public const int TemplateProcessDeleteForbidden = 1113022;
    public const int DuplicatedCategoryName = 1113017;
    public const int BuiltInForbidden = 1199054;
    public const int HasChildren = 1199055;
    public const int Referenced = 1199056;
    public const int NotLeaf = 1113032;
    public const int DeleteServiceTemplateFailed = 1108030;
    public const int PageLimitExceeded = 1199059;
    public const int AppAuthFailed = 9900401;
    public const int PermissionDenied = 9900403;
    public const int Unknown = 1199998;

    /// <summary>(ours) Another node changed the service instance twice during the call; safe to retry.</summary>
    public const int ConcurrentWrite = 1199409;

    /// <summary>(ours) Storage did not answer in time or is unreachable; safe to retry.</summary>
    public const int StorageUnavailable = 1199503;

    /// <summary>(ours) The grain did not answer within the call timeout; safe to retry.</summary>
    public const int Timeout = 1199504;
}
