namespace ProcOrleans.Silo.Storage;

/// <summary>Where a sequence grain with no state yet starts: the last id the <c>id_sequences</c> table handed out.</summary>
internal sealed class IdSequenceSeed(StorageDialect dialect, StorageOptions options)
{
    public async Task<long> HandedOutAsync(string sequence, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT next_id FROM id_sequences WHERE name = @name", null, options.CommandTimeout)
            .With("@name", sequence);
        var next = await command.ExecuteScalarAsync(cancellationToken);
        return next is null or DBNull ? 0 : Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture) - 1;
    }
}
