namespace ProcOrleans.Silo.Storage;

/// <summary>The statement that reserves a block; both providers speak this dialect of upsert.</summary>
internal static class IdSequenceSql
{
    /// <summary>Moves <c>next_id</c> on by <c>@count</c> and answers the new value (the block's exclusive end).</summary>
    public const string Reserve =
        "INSERT INTO id_sequences (name, next_id) VALUES (@name, 1 + @count) "
        + "ON CONFLICT (name) DO UPDATE SET next_id = id_sequences.next_id + @count RETURNING next_id";
}
