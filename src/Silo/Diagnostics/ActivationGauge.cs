using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>Publishes the number of grain activations on this silo as the gauge <c>procorleans.activations</c>.</summary>
internal sealed class ActivationGauge(ProcOrleansMetrics metrics, IActivationWorkingSet activations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveGauge("procorleans.activations", "{activation}", "Grain activations live on this node", () => activations.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
