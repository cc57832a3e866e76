namespace ProcOrleans.Gateway.Esb;

/// <summary>Who is calling, once the app is authenticated.</summary>
/// <param name="AppCode">The authenticated app, or "" when anonymous access is on.</param>
/// <param name="User"><c>bk_username</c>, or "" when none was given.</param>
/// <param name="SupplierAccount"><c>bk_supplier_account</c>, default <c>"0"</c>.</param>
public sealed record EsbCaller(string AppCode, string User, string SupplierAccount);
