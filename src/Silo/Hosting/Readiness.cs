using Microsoft.AspNetCore.Http;

namespace ProcOrleans.Silo.Hosting;

/// <summary>
/// The <c>/readyz</c> answer of every kind of host: 200 "ready" when the probe says so within 5 s; 503
/// "not ready" when it says no, fails or takes longer (a hung database must not hang the probe).
/// </summary>
public static class Readiness
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IResult> AnswerAsync(Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        bool ready;
        try
        {
            ready = await probe(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ready = false;
        }

        return ready
            ? Results.Text("ready")
            : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
