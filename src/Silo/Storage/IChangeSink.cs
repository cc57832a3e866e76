namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Where the statements of a change go: run one at a time on the connection (SQLite's writer), or gathered
/// into one round trip for a whole group of commits (PostgreSQL's writer), row counts checked afterwards.
/// </summary>
internal interface IChangeSink
{
    /// <summary>A command for <paramref name="sql"/>; the caller binds its parameters, then hands it to a run method.</summary>
    Statements.Lease Statement(string sql);

    ValueTask RunAsync(Statements.Lease statement, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="statement"/>, which must touch exactly one row: any other count means the row is
    /// not what the change was made against, a <see cref="Grains.Storage.ConcurrencyConflictException"/>.
    /// </summary>
    ValueTask RunExpectingOneRowAsync(Statements.Lease statement, RowExpectation expectation, CancellationToken cancellationToken);
}
