namespace ProcOrleans.Silo.Storage;

/// <summary>Thrown at start when another node already owns a SQLite database.</summary>
public sealed class StorageOwnershipException(string message) : Exception(message);
