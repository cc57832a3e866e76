namespace ProcOrleans.Gateway.Esb;

/// <summary>Header names of the ESB dialect.</summary>
public static class EsbHeaders
{
    public const string RequestId = "X-Request-Id";
    public const string Authorization = "X-Bkapi-Authorization";
    public const string Language = "Blueking-Language";
    public const string SupplierAccount = "HTTP_BK_SUPPLIER_ACCOUNT";
    public const string User = "BK_User";
}
