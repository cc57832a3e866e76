namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// One entry of <c>Esb:Grants</c>: which user (or <c>*</c>) of which app may do which actions on which
/// businesses (<c>bk_biz_id</c> values, or <c>*</c>).
/// </summary>
public sealed class EsbGrant
{
    public string AppCode { get; set; } = "";

    public string User { get; set; } = EsbOptions.Wildcard;

    public List<string> Actions { get; set; } = [];

    public List<string> Businesses { get; set; } = [];
}
