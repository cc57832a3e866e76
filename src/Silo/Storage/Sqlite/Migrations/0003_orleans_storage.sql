-- Orleans grain state in the embedded (single node) store; a single node clusters with itself, so it needs
-- no membership tables. The ADO.NET grain storage ships no schema: it runs only the SQL it finds in
-- OrleansQuery, so this file is the whole contract between it and the database file. Each query runs alone
-- on its own connection in autocommit, so every change is one statement, atomic by itself. WAL mode and the
-- busy timeout belong to the file and the connection string, not here (journal_mode cannot change inside
-- the transaction a migration runs in).

CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- The provider identifies a state by ServiceId, the state name (GrainTypeString: the name given to
-- [PersistentState], not the grain class) and the grain key split into two 64-bit halves plus a string
-- part (integer keys: N0 = 0, N1 = key; string keys: both 0 and the key in GrainIdExtensionString), and
-- sends two 32-bit hashes of those. The state is kept as the JSON text the serializer wrote, so rows can be
-- read with the sqlite3 shell or json_extract; the check refuses anything else (a binary serializer). The
-- provider exchanges it as bytes (PayloadBinary, cast to byte[] when read), hence the casts to and from BLOB.
-- ModifiedOn is unix milliseconds (UTC), as in the rest of this schema.
CREATE TABLE OrleansStorage (
    ServiceId              TEXT    NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    PayloadJson            TEXT    NULL CHECK (PayloadJson IS NULL OR json_valid(PayloadJson)),
    Version                INTEGER NOT NULL,   -- the ETag; 1 on first write, +1 on every write and clear
    ModifiedOn             INTEGER NOT NULL
);

-- One row per state, so that two activations racing to write a new state cannot both insert. A missing
-- extension must stay distinct from an empty one, and NULLs never collide in a unique index, hence the pair
-- of expressions in place of the bare column.
CREATE UNIQUE INDEX ux_orleans_storage_state ON OrleansStorage (
    ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString,
    (GrainIdExtensionString IS NULL), ifnull(GrainIdExtensionString, '')
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Result columns read: PayloadBinary (bytes or NULL) and Version (no row: a state never written).
('ReadFromStorageKey', '
SELECT CAST(PayloadJson AS BLOB) AS PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString'),

-- @GrainStateVersion is the ETag the grain holds, NULL when it has never seen a row. The update acts only
-- while the ETag still matches, the insert only when there is no ETag and no row; each answers the new
-- version as NewGrainStateVersion, and no row back is a conflict (InconsistentStateException).
('WriteToStorageKey', '
UPDATE OrleansStorage
   SET PayloadJson = CAST(@PayloadBinary AS TEXT),
       Version = Version + 1,
       ModifiedOn = CAST((julianday(''now'') - 2440587.5) * 86400000 AS INTEGER)
 WHERE @GrainStateVersion IS NOT NULL
   AND ServiceId = @ServiceId
   AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
INSERT INTO OrleansStorage
       (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
        PayloadJson, Version, ModifiedOn)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
       CAST(@PayloadBinary AS TEXT), 1, CAST((julianday(''now'') - 2440587.5) * 86400000 AS INTEGER)
 WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion'),

-- Clearing keeps the row (with no payload) and moves the version on, so a stale activation still conflicts.
('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadJson = NULL,
       Version = Version + 1,
       ModifiedOn = CAST((julianday(''now'') - 2440587.5) * 86400000 AS INTEGER)
 WHERE ServiceId = @ServiceId
   AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion');
