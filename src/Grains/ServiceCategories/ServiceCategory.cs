namespace ProcOrleans.Grains.ServiceCategories;

/// <summary>
/// A service category: two levels, <see cref="RootId"/> the first-level id (its own id on the first level).
/// Built-ins belong to business 0 and are seen by every business.
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceCategory")]
public sealed record ServiceCategory(
    long BizId,
    long Id,
    string Name,
    long RootId,
    long ParentId,
    string SupplierAccount,
    bool IsBuiltIn)
{
    /// <summary>The business of the built-in categories.</summary>
    public const long BuiltInBizId = 0;

    public bool IsFirstLevel => ParentId == 0;
}
