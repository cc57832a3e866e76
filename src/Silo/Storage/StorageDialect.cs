using System.Data.Common;

namespace ProcOrleans.Silo.Storage;

/// <summary>What differs between the ADO.NET providers; everything else about storage is shared.</summary>
internal abstract class StorageDialect
{
    /// <summary>The folder of this provider's migrations, as in the embedded resource names.</summary>
    public abstract string Name { get; }

    /// <summary>True when other nodes may write the same database.</summary>
    public abstract bool IsShared { get; }

    public abstract DbConnection CreateConnection();

    /// <summary>A transaction that only reads, so that its statements share one snapshot and lock nothing.</summary>
    public abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>A condition that <paramref name="column"/> contains the text of <paramref name="parameter"/>, with no wildcards.</summary>
    public abstract string ContainsText(string column, string parameter);

    /// <summary>
    /// Rows of <c>processes</c> one INSERT statement carries. Where every statement is a network round trip,
    /// many rows per statement save most of a batch's time; in-process, binding a statement of thousands of
    /// named parameters costs more than the cached single-row statement it replaces.
    /// </summary>
    public virtual int ProcessRowsPerInsert => 1;

    /// <summary>Runs once when the node starts, before migrations (e.g. take ownership of a file).</summary>
    public virtual Task OnStartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the node stops.</summary>
    public virtual Task OnStoppedAsync() => Task.CompletedTask;

    /// <summary>Takes the lock that makes concurrent migrations of several nodes safe.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
