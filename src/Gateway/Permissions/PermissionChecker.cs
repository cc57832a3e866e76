using System.Globalization;
using Microsoft.Extensions.Options;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Permissions;

/// <summary>Decides writes from <c>Esb:Grants</c>; what is not granted is denied.</summary>
public sealed class PermissionChecker(IOptions<EsbOptions> options)
{
    private readonly IReadOnlyList<EsbGrant> _grants = options.Value.Grants;

    /// <summary>Throws 9900403, carrying the missing permission, unless a grant covers the action.</summary>
    public void Demand(EsbCaller caller, string action, long bizId)
    {
        if (!IsGranted(caller, action, bizId))
        {
            throw new CmdbException(new MissingPermission(action, bizId));
        }
    }

    /// <summary>
    /// As <see cref="Demand(EsbCaller, string, long)"/> for an action on one resource of a business; grants
    /// name businesses, so the resource's business decides.
    /// </summary>
    public void Demand(EsbCaller caller, MissingPermission needed)
    {
        if (!IsGranted(caller, needed.ActionId, needed.BizId))
        {
            throw new CmdbException(needed);
        }
    }

    private bool IsGranted(EsbCaller caller, string action, long bizId)
    {
        var business = bizId.ToString(CultureInfo.InvariantCulture);
        foreach (var grant in _grants)
        {
            if (string.Equals(grant.AppCode, caller.AppCode, StringComparison.Ordinal)
                && (grant.User == EsbOptions.Wildcard || string.Equals(grant.User, caller.User, StringComparison.Ordinal))
                && grant.Actions.Any(a => a == EsbOptions.Wildcard || a == action)
                && grant.Businesses.Any(b => b.Trim() == EsbOptions.Wildcard || b.Trim() == business))
            {
                return true;
            }
        }

        return false;
    }
}
