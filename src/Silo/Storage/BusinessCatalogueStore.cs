using System.Data.Common;
using System.Globalization;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Business catalogues on either provider: reads on a pooled connection, writes through the provider's transactions.</summary>
internal sealed class BusinessCatalogueStore(StorageDialect dialect, StorageOptions options, WriteTransactions writes) : IBusinessCatalogueStore
{
    private const string CategoryColumns = "bk_biz_id, id, name, bk_root_id, bk_parent_id, bk_supplier_account, is_built_in";

    public bool IsShared => dialect.IsShared;

    public async Task<BusinessCatalogue> LoadAsync(long bizId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // The version and the rows from one snapshot, or a write between them would go unnoticed.
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT version FROM business_catalogue_versions WHERE bk_biz_id = @biz; "
            + $"SELECT {CategoryColumns} FROM service_categories WHERE bk_biz_id = @biz OR bk_biz_id = @builtIn ORDER BY bk_biz_id, id",
            transaction, options.CommandTimeout).With("@biz", bizId).With("@builtIn", ServiceCategory.BuiltInBizId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var version = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var categories = new List<ServiceCategory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new ServiceCategory(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetString(5), reader.GetBoolean(6)));
        }

        return new BusinessCatalogue(categories, version);
    }

    public async Task<long> GetVersionAsync(long bizId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT version FROM business_catalogue_versions WHERE bk_biz_id = @biz", null, options.CommandTimeout).With("@biz", bizId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : 0;
    }

    public Task CommitAsync(CatalogueChange change, CancellationToken cancellationToken) =>
        writes.RunAsync(change.BizId, async (statements, token) =>
        {
            await AdvanceVersionAsync(statements, change, token);
            if (change.InsertedCategory is { } inserted)
            {
                await using var insert = statements.Rent(
                    $"INSERT INTO service_categories ({CategoryColumns}) VALUES (@bk_biz_id, @id, @name, @bk_root_id, @bk_parent_id, @bk_supplier_account, @is_built_in)");
                await insert.Command.With("@bk_biz_id", inserted.BizId).With("@id", inserted.Id).With("@name", inserted.Name)
                    .With("@bk_root_id", inserted.RootId).With("@bk_parent_id", inserted.ParentId)
                    .With("@bk_supplier_account", inserted.SupplierAccount).With("@is_built_in", inserted.IsBuiltIn)
                    .ExecuteNonQueryAsync(token);
            }

            if (change.RenamedCategory is { } renamed)
            {
                await using var update = statements.Rent("UPDATE service_categories SET name = @name WHERE bk_biz_id = @biz AND id = @id");
                await ExpectOneAsync(update.Command.With("@name", renamed.Name).With("@biz", change.BizId).With("@id", renamed.Id), change, token);
            }

            if (change.DeletedCategoryId != 0)
            {
                await using var delete = statements.Rent("DELETE FROM service_categories WHERE bk_biz_id = @biz AND id = @id");
                await ExpectOneAsync(delete.Command.With("@biz", change.BizId).With("@id", change.DeletedCategoryId), change, token);
            }
        }, cancellationToken);

    private static async Task AdvanceVersionAsync(Statements statements, CatalogueChange change, CancellationToken cancellationToken)
    {
        if (change.ExpectedVersion == 0)
        {
            // A second writer of the business's first version meets the primary key.
            await using var insert = statements.Rent("INSERT INTO business_catalogue_versions (bk_biz_id, version) VALUES (@biz, @version)");
            await insert.Command.With("@biz", change.BizId).With("@version", change.NewVersion).ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var update = statements.Rent(
            "UPDATE business_catalogue_versions SET version = @version WHERE bk_biz_id = @biz AND version = @expected");
        await ExpectOneAsync(
            update.Command.With("@version", change.NewVersion).With("@biz", change.BizId).With("@expected", change.ExpectedVersion), change, cancellationToken);
    }

    private static async Task ExpectOneAsync(DbCommand command, CatalogueChange change, CancellationToken cancellationToken)
    {
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConcurrencyConflictException(change.BizId, $"the catalogue of business {change.BizId} moved past version {change.ExpectedVersion}");
        }
    }
}
