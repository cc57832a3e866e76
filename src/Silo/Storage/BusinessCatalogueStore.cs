using System.Data.Common;
using System.Globalization;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Business catalogues on either provider: reads on a pooled connection, writes through the provider's transactions.</summary>
internal sealed class BusinessCatalogueStore(StorageDialect dialect, StorageOptions options, WriteTransactions writes) : IBusinessCatalogueStore
{
    private const string CategoryColumns = "bk_biz_id, id, name, bk_root_id, bk_parent_id, bk_supplier_account, is_built_in";

    public const string TemplateColumns =
        "bk_biz_id, id, name, service_category_id, creator, modifier, create_time, last_time, bk_supplier_account, host_apply_enabled";

    private const string TemplateValues =
        "@bk_biz_id, @id, @name, @service_category_id, @creator, @modifier, @create_time, @last_time, @bk_supplier_account, @host_apply_enabled";

    public bool IsShared => dialect.IsShared;

    public async Task<BusinessCatalogue> LoadAsync(long bizId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // The version and the rows from one snapshot, or a write between them would go unnoticed.
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT version FROM business_catalogue_versions WHERE bk_biz_id = @biz; "
            + $"SELECT {CategoryColumns} FROM service_categories WHERE bk_biz_id = @biz OR bk_biz_id = @builtIn ORDER BY bk_biz_id, id; "
            + $"SELECT {TemplateColumns} FROM service_templates WHERE bk_biz_id = @biz ORDER BY id",
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

        await reader.NextResultAsync(cancellationToken);
        var templates = new List<ServiceTemplate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            templates.Add(ReadTemplate(reader));
        }

        return new BusinessCatalogue(categories, templates, version);
    }

    public static ServiceTemplate ReadTemplate(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
        CmdbTime.FromUnixMilliseconds(reader.GetInt64(6)), CmdbTime.FromUnixMilliseconds(reader.GetInt64(7)), reader.GetString(8),
        reader.GetBoolean(9));

    public async Task<ForeignCategory?> FindForeignCategoryAsync(long categoryId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT s.bk_biz_id, (SELECT COUNT(*) FROM service_categories c WHERE c.bk_biz_id = s.bk_biz_id AND c.bk_parent_id = s.id) "
            + "FROM service_categories s WHERE s.id = @id", null, options.CommandTimeout).With("@id", categoryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ForeignCategory(reader.GetInt64(0), reader.GetInt64(1) > 0) : null;
    }

    public async Task<bool> IsTemplateInUseAsync(long bizId, long templateId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT 1 FROM service_instances WHERE bk_biz_id = @biz AND service_template_id = @id LIMIT 1", null, options.CommandTimeout)
            .With("@biz", bizId).With("@id", templateId);
        return await command.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
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

            if (change.InsertedTemplate is { } newTemplate)
            {
                await using var insert = statements.Rent($"INSERT INTO service_templates ({TemplateColumns}) VALUES ({TemplateValues})");
                await WithTemplate(insert.Command, newTemplate).ExecuteNonQueryAsync(token);
            }

            if (change.UpdatedTemplate is { } updated)
            {
                await using var update = statements.Rent(
                    "UPDATE service_templates SET name = @name, service_category_id = @service_category_id, modifier = @modifier, "
                    + "last_time = @last_time WHERE bk_biz_id = @bk_biz_id AND id = @id");
                await ExpectOneAsync(update.Command.With("@name", updated.Name).With("@service_category_id", updated.ServiceCategoryId)
                    .With("@modifier", updated.Modifier).With("@last_time", CmdbTime.ToUnixMilliseconds(updated.LastTime))
                    .With("@bk_biz_id", updated.BizId).With("@id", updated.Id), change, token);
            }

            if (change.DeletedTemplateId != 0)
            {
                await using var delete = statements.Rent("DELETE FROM service_templates WHERE bk_biz_id = @biz AND id = @id");
                await ExpectOneAsync(delete.Command.With("@biz", change.BizId).With("@id", change.DeletedTemplateId), change, token);
            }
        }, cancellationToken);

    private static DbCommand WithTemplate(DbCommand command, ServiceTemplate template) =>
        command.With("@bk_biz_id", template.BizId).With("@id", template.Id).With("@name", template.Name)
            .With("@service_category_id", template.ServiceCategoryId).With("@creator", template.Creator).With("@modifier", template.Modifier)
            .With("@create_time", CmdbTime.ToUnixMilliseconds(template.CreateTime)).With("@last_time", CmdbTime.ToUnixMilliseconds(template.LastTime))
            .With("@bk_supplier_account", template.SupplierAccount).With("@host_apply_enabled", template.HostApplyEnabled);

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
