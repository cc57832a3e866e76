using System.Net;
using Microsoft.Extensions.Options;

namespace ProcOrleans.Silo.Hosting;

/// <summary>Refuses to start a silo on settings that could only fail later.</summary>
internal sealed class SiloSettingsValidator : IValidateOptions<SiloSettings>
{
    public ValidateOptionsResult Validate(string? name, SiloSettings options)
    {
        var errors = new List<string>();
        if (options.CallTimeout <= TimeSpan.Zero)
        {
            errors.Add("Silo:CallTimeout must be positive.");
        }

        if (options.CollectionAge <= TimeSpan.Zero)
        {
            errors.Add("Silo:CollectionAge must be positive.");
        }

        if (options.CollectionInterval <= TimeSpan.Zero)
        {
            errors.Add("Silo:CollectionInterval must be positive.");
        }

        if (options.MemoryUsageTargetPercentage is <= 0 or > 100 || options.MemoryUsageLimitPercentage is <= 0 or > 100
            || options.MemoryUsageTargetPercentage > options.MemoryUsageLimitPercentage)
        {
            errors.Add("Silo:MemoryUsageTargetPercentage and Silo:MemoryUsageLimitPercentage must be in (0, 100], the target not above the limit.");
        }

        if (options.MemoryDoubtWindow <= TimeSpan.Zero)
        {
            errors.Add("Silo:MemoryDoubtWindow must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Silo:ClusterId and Silo:ServiceId must not be empty.");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add("Silo:AdvertisedAddress must be an IP address.");
        }

        if (options.SiloPort is < 0 or > 65535 || options.GatewayPort is < 0 or > 65535)
        {
            errors.Add("Silo:SiloPort and Silo:GatewayPort must be 0 (take a free one) or a port number.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
