using System.Data.Common;
using System.Globalization;
using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Template reads straight from the tables (shared by the providers).</summary>
internal sealed class CatalogueQueries(StorageDialect dialect, StorageOptions options) : ICatalogueQueries
{
    public async Task<ServiceTemplate?> GetServiceTemplateAsync(long templateId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {BusinessCatalogueStore.TemplateColumns} FROM service_templates WHERE id = @id", null, options.CommandTimeout).With("@id", templateId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? BusinessCatalogueStore.ReadTemplate(reader) : null;
    }

    public async Task<ServiceTemplatePage> ListServiceTemplatesAsync(ServiceTemplateFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken);

        await using var count = connection.CreateCommand("", transaction, options.CommandTimeout);
        count.CommandText = $"SELECT COUNT(*) FROM service_templates WHERE {Where(count, filter)}";
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var list = connection.CreateCommand("", transaction, options.CommandTimeout);
        list.CommandText = $"SELECT {BusinessCatalogueStore.TemplateColumns} FROM service_templates WHERE {Where(list, filter)} "
            + "ORDER BY id DESC LIMIT @limit OFFSET @offset";
        list.With("@limit", filter.Limit).With("@offset", filter.Start);
        var info = new List<ServiceTemplate>();
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                info.Add(BusinessCatalogueStore.ReadTemplate(reader));
            }
        }

        return new ServiceTemplatePage(total, info);
    }

    private string Where(DbCommand command, ServiceTemplateFilter filter)
    {
        var conditions = new List<string> { "1 = 1" };
        if (filter.BizId is { } bizId)
        {
            conditions.Add("bk_biz_id = @biz");
            command.With("@biz", bizId);
        }

        if (filter.CategoryId is { } categoryId)
        {
            conditions.Add("service_category_id IN (SELECT id FROM service_categories WHERE id = @category OR bk_parent_id = @category)");
            command.With("@category", categoryId);
        }

        if (filter.TemplateIds is { Count: > 0 } ids)
        {
            conditions.Add($"id IN {command.WithList("t", ids)}");
        }

        if (!string.IsNullOrEmpty(filter.Search))
        {
            conditions.Add(filter.IsExact ? "name = @search" : dialect.ContainsText("LOWER(name)", "LOWER(@search)"));
            command.With("@search", filter.Search);
        }

        return string.Join(" AND ", conditions);
    }
}
