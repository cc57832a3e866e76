using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.Processes;

/// <summary>
/// One process of a request after parsing: either its validated attributes or the first error found in
/// it. Errors are carried, not thrown, because API.md checks the service instance before the processes.
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.ProcessInput")]
public sealed record ProcessInput(ProcessProperties? Properties, CmdbException? Error)
{
    public static ProcessInput Valid(ProcessProperties properties) => new(properties, null);

    public static ProcessInput Invalid(CmdbException error) => new(null, error);

    /// <summary>The attributes, or the carried error thrown.</summary>
    public ProcessProperties GetOrThrow() => Error is null ? Properties! : throw Error;
}
