using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcOrleans.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Storage.Postgres;
using ProcOrleans.Silo.Storage.Sqlite;

namespace ProcOrleans.Silo.Storage;

/// <summary>Registers the storage provider chosen by <c>Storage:Provider</c>.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddProcOrleansStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .Validate(o => o.Provider is StorageProviders.Sqlite or StorageProviders.Postgres,
                $"Storage:Provider must be {StorageProviders.Sqlite} or {StorageProviders.Postgres}.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"No connection string: set ConnectionStrings:{StorageOptions.ConnectionStringName} or Storage:ConnectionString.")
            .Validate(o => o.IdBlockSize is > 0 and <= 1_000_000, "Storage:IdBlockSize must be between 1 and 1000000.")
            .Validate(o => o.MaxCommitBatch is > 0 and <= 10_000, "Storage:MaxCommitBatch must be between 1 and 10000.")
            .Validate(o => o.PostgresWriters is > 0 and <= 64, "Storage:PostgresWriters must be between 1 and 64.")
            .Validate(o => o.PostgresMaxGroup is > 0 and <= 60, "Storage:PostgresMaxGroup must be between 1 and 60.")
            .Validate(o => o.CommandTimeout > TimeSpan.Zero, "Storage:CommandTimeout must be positive.")
            .Validate(o => o.SqliteWriterCacheMb is > 0 and <= 65_536, "Storage:SqliteWriterCacheMb must be between 1 and 65536.")
            .Validate(o => o.SqliteCheckpointInterval >= TimeSpan.Zero, "Storage:SqliteCheckpointInterval must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddProcOrleansShared();

        var provider = configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.Provider)] ?? StorageProviders.Sqlite;
        if (provider == StorageProviders.Postgres)
        {
            services.AddSingleton<PostgresDialect>();
            services.AddSingleton<StorageDialect>(sp => sp.GetRequiredService<PostgresDialect>());
            services.AddSingleton<PostgresWriter>();
            services.AddSingleton<IStorageLifecycle>(sp => sp.GetRequiredService<PostgresWriter>());
            services.AddSingleton<PostgresServiceInstanceStore>();
            services.AddSingleton<IServiceInstanceStore>(sp => sp.GetRequiredService<PostgresServiceInstanceStore>());
            services.AddSingleton<WriteTransactions, PostgresWriteTransactions>();
        }
        else
        {
            services.AddSingleton<SqliteDialect>();
            services.AddSingleton<StorageDialect>(sp => sp.GetRequiredService<SqliteDialect>());
            services.AddSingleton<IStorageLifecycle, SqliteCheckpointer>();
            services.AddSingleton<SqliteWriter>();
            services.AddSingleton<IStorageLifecycle>(sp => sp.GetRequiredService<SqliteWriter>());
            services.AddSingleton<SqliteServiceInstanceStore>();
            services.AddSingleton<IServiceInstanceStore>(sp => sp.GetRequiredService<SqliteServiceInstanceStore>());
            services.AddSingleton<WriteTransactions, SqliteWriteTransactions>();
        }

        services.AddSingleton<ServiceInstanceReader>();
        services.AddSingleton<IServiceInstanceQueries, ServiceInstanceQueries>();
        services.AddSingleton<IStorageHealth, StorageHealth>();
        services.AddSingleton<IBusinessCatalogueStore, BusinessCatalogueStore>();
        services.AddSingleton<ICatalogueQueries, CatalogueQueries>();
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
