namespace ProcOrleans.Gateway.Esb;

/// <summary>Names of the general parameters every ESB body may carry.</summary>
public static class EsbFields
{
    public const string AppCode = "bk_app_code";
    public const string AppSecret = "bk_app_secret";
    public const string UserName = "bk_username";
    public const string SupplierAccount = "bk_supplier_account";
    public const string DefaultSupplierAccount = "0";
}
