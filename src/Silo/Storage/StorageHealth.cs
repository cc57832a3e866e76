using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Ready when the database answers and knows every migration of this build.</summary>
internal sealed class StorageHealth(StorageDialect dialect, StorageOptions options) : IStorageHealth
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await MigrationRunner.IsCurrentAsync(connection, dialect, options, cancellationToken);
    }
}
