namespace ProcOrleans.Silo.Storage;

/// <summary>Values of <c>Storage:Provider</c>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}
