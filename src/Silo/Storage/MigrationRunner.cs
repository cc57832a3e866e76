using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Applies the embedded SQL migrations of a provider (<c>Storage/&lt;Provider&gt;/Migrations/NNNN_name.sql</c>)
/// that <c>schema_migrations</c> does not list yet.
/// </summary>
internal static partial class MigrationRunner
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public static IReadOnlyList<(int Version, string Name, string Resource)> Migrations(string provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.{provider}.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Match: MigrationName().Match(n[prefix.Length..]), Resource: n))
            .Where(m => m.Match.Success)
            .Select(m => (int.Parse(m.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Match.Groups[2].Value, m.Resource))
            .OrderBy(m => m.Item1)
            .ToList();
    }

    /// <summary>
    /// Applies what is missing, all in one transaction under the provider's migration lock, so that nodes
    /// starting together apply each migration once; answers the versions applied by this call.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(StorageDialect dialect, StorageOptions options, CancellationToken cancellationToken)
    {
        var applied = new List<int>();
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
        await using (var create = connection.CreateCommand(CreateTable, transaction, options.CommandTimeout))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var recorded = new HashSet<long>();
        await using (var read = connection.CreateCommand("SELECT version FROM schema_migrations", transaction, options.CommandTimeout))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded.Add(reader.GetInt64(0));
            }
        }

        foreach (var (version, name, resource) in Migrations(dialect.Name).Where(m => !recorded.Contains(m.Version)))
        {
            await using (var migrate = connection.CreateCommand(await ReadAsync(resource), transaction, TimeSpan.FromMinutes(10)))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)", transaction, options.CommandTimeout))
            {
                record.With("@v", version).With("@n", name).With("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            applied.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>True when every migration this build knows is recorded.</summary>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, StorageDialect dialect, StorageOptions options, CancellationToken cancellationToken)
    {
        var latest = Migrations(dialect.Name).Select(m => m.Version).DefaultIfEmpty(0).Max();
        await using var command = connection.CreateCommand("SELECT MAX(version) FROM schema_migrations", null, options.CommandTimeout);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is not null and not DBNull && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) >= latest;
    }

    private static async Task<string> ReadAsync(string resource)
    {
        await using var stream = typeof(MigrationRunner).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"^(\d{4})_(\w+)\.sql$")]
    private static partial Regex MigrationName();
}
