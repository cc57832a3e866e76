using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Catalogue;

/// <summary>Catalogue reads across businesses, by the silo that receives the call (a stateless worker, key 0).</summary>
[Alias("procorleans.ICatalogueQueryGrain")]
public interface ICatalogueQueryGrain : IGrainWithIntegerKey
{
    [Alias("GetServiceTemplate")]
    Task<ServiceTemplate?> GetServiceTemplateAsync(long templateId);

    [Alias("ListServiceTemplates")]
    Task<ServiceTemplatePage> ListServiceTemplatesAsync(ServiceTemplateFilter filter);
}
