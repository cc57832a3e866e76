namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>What a test grain throws when its store "fails" to load.</summary>
public sealed class StoreUnavailableException(string message) : Exception(message);
