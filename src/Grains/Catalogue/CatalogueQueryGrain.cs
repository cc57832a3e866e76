using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Catalogue;

[StatelessWorker]
[Reentrant]
internal sealed class CatalogueQueryGrain(ICatalogueQueries queries) : Grain, ICatalogueQueryGrain
{
    public Task<ServiceTemplate?> GetServiceTemplateAsync(long templateId) => queries.GetServiceTemplateAsync(templateId, CancellationToken.None);

    public Task<ServiceTemplatePage> ListServiceTemplatesAsync(ServiceTemplateFilter filter) =>
        queries.ListServiceTemplatesAsync(filter, CancellationToken.None);
}
