using Microsoft.Extensions.DependencyInjection;

namespace ProcOrleans.Client;

/// <summary>Registers <see cref="ProcOrleansClient"/> as a typed HttpClient.</summary>
public static class ProcOrleansClientServiceCollectionExtensions
{
    public static IHttpClientBuilder AddProcOrleansClient(this IServiceCollection services, Action<ProcOrleansClientOptions> configure)
    {
        services.AddOptions<ProcOrleansClientOptions>().Configure(configure);
        return services.AddHttpClient<ProcOrleansClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProcOrleansClientOptions>>().Value;
            if (options.BaseAddress is not null)
            {
                http.BaseAddress = options.BaseAddress;
            }
        });
    }
}
