using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Storage;

/// <summary>Catalogue reads that do not name a business, answered from the tables (writes are durable before they return).</summary>
public interface ICatalogueQueries
{
    /// <summary>The template with this id, of any business; null when there is none.</summary>
    Task<ServiceTemplate?> GetServiceTemplateAsync(long templateId, CancellationToken cancellationToken);

    /// <summary>The templates matching the filter, newest first, one page of them, and their total count.</summary>
    Task<ServiceTemplatePage> ListServiceTemplatesAsync(ServiceTemplateFilter filter, CancellationToken cancellationToken);
}
