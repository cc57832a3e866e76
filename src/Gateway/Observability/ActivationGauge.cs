using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Silo.Runtime;

namespace ProcOrleans.Gateway.Observability;

/// <summary>Publishes the number of live grain activations as the gauge <c>procorleans.activations</c>.</summary>
public sealed class ActivationGauge(ProcOrleansMetrics metrics, GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveGauge("procorleans.activations", "{activation}", "Grain activations live on this node", () => runtime.ActivationCount);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
