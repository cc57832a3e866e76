namespace ProcOrleans.Client;

/// <summary>Who the client calls as.</summary>
public sealed class ProcOrleansClientOptions
{
    /// <summary>The service's base address, e.g. <c>http://procorleans:5080/</c>; not needed when the HttpClient has one.</summary>
    public Uri? BaseAddress { get; set; }

    public string AppCode { get; set; } = "";

    public string AppSecret { get; set; } = "";

    /// <summary>The acting user (<c>bk_username</c>).</summary>
    public string UserName { get; set; } = "admin";

    public string SupplierAccount { get; set; } = "0";

    /// <summary><c>en</c> or <c>zh-cn</c>: the language of error messages.</summary>
    public string Language { get; set; } = "en";
}
