namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>Fresh business ids, so that listings in a shared node see only the test's own data.</summary>
public static class TestBusinesses
{
    private static long _next = 10_000 + (Environment.ProcessId % 1000 * 1_000_000);

    public static long Next() => Interlocked.Increment(ref _next);
}
