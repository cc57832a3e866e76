-- Orleans' own tables, so that the nodes of a cluster can find each other, agree on who is dead, tell
-- clients where the gateways are, and keep grain state. The ADO.NET providers ship no schema: they run only
-- the SQL they find in OrleansQuery, so this file is the whole contract between them and the database.
-- Names are unquoted on purpose: the providers' own "SELECT QueryKey, QueryText FROM OrleansQuery" is
-- unquoted too, and result columns are matched by name regardless of case. Every query runs alone on its
-- own connection with no transaction around it, so each write below is one statement, atomic by itself
-- (data-modifying CTEs in place of stored functions). Npgsql sends Orleans' DateTime values as timestamptz.

CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------
-- Membership. One version row per cluster (DeploymentId is Orleans' ClusterId): every change to the member
-- rows must name the version it read and moves it on by one, which is how silos detect concurrent writers.

CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId TEXT        NOT NULL PRIMARY KEY,
    Version      INTEGER     NOT NULL DEFAULT 0,        -- read back with Convert.ToInt32
    LastChanged  TIMESTAMPTZ NOT NULL DEFAULT now()     -- for operators only; Orleans never reads it
);

-- One row per silo incarnation (address, port and generation); Status holds SiloStatus:
-- 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
CREATE TABLE OrleansMembershipTable (
    DeploymentId TEXT        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      TEXT        NOT NULL,                  -- textual IPv4/IPv6 address
    Port         INTEGER     NOT NULL,                  -- INTEGER, not SMALLINT: the provider calls GetInt32
    Generation   INTEGER     NOT NULL,
    SiloName     TEXT        NOT NULL,                  -- the reader casts it to string: NULL would throw
    HostName     TEXT        NOT NULL,
    Status       INTEGER     NOT NULL,
    ProxyPort    INTEGER     NOT NULL DEFAULT 0,        -- 0 when the silo runs no gateway
    SuspectTimes TEXT        NULL,                      -- "silo,time|silo,time", written and parsed by Orleans
    StartTime    TIMESTAMPTZ NOT NULL,
    IAmAliveTime TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Both reads must return the version row even when the cluster has no member (yet), hence the outer join
-- from the version table; Orleans takes the version from the first row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('MembershipReadAllKey', '
SELECT m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId'),

('MembershipReadRowKey', '
SELECT m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId'),

-- Answers one boolean: true when this call created the version row of the cluster.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)'),

-- @Version is the table version the silo read. The version row is claimed first (its row lock orders
-- concurrent writers; a loser re-checks Version after the winner commits and matches nothing), and the
-- member row is written only through that claim. Answers true only when the row was written.
('InsertMembershipKey', '
WITH claim AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, LastChanged = now()
     WHERE DeploymentId = @DeploymentId AND Version = @Version AND Version < 2147483647
       AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                        WHERE DeploymentId = @DeploymentId
                          AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
), written AS (
    INSERT INTO OrleansMembershipTable
           (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT claim.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
      FROM claim
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM written)'),

('UpdateMembershipKey', '
WITH claim AS (
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, LastChanged = now()
     WHERE DeploymentId = @DeploymentId AND Version = @Version AND Version < 2147483647
       AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId
                      AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
), written AS (
    UPDATE OrleansMembershipTable m
       SET Status = @Status,
           SuspectTimes = @SuspectTimes,
           IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
      FROM claim
     WHERE m.DeploymentId = claim.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM written)'),

-- The heartbeat. Not versioned, and never moves backwards should an older heartbeat arrive late.
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
   SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address AND Port = @Port AND Generation = @Generation'),

-- What clients connect to: active silos that run a gateway. @Status is always 3 (Active).
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0'),

-- Drops a whole cluster; the member rows follow through the foreign key.
('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId'),

-- Pruning of dead silos. Orleans 10 prefers the per-row query (it reads the table, picks the dead rows
-- older than its cutoff, and deletes each only if the row still holds the values it judged); the bulk
-- query is still required to be present and is used only when the per-row one is missing. A dead row
-- always carries votes (a silo that stops cleanly lists itself), so the bulk query judges their times
-- too: each vote is "silo,yyyy-MM-dd HH:mm:ss.fff GMT", and every one must be older than the cutoff.
-- Neither moves the version: removing a dead row changes the view of no live silo.
('CleanupDefunctSiloEntryKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address AND Port = @Port AND Generation = @Generation
   AND Status = 6
   AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
   AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''')'),

('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = 6
   AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
   AND NOT EXISTS (
       SELECT 1
       FROM unnest(string_to_array(SuspectTimes, ''|'')) AS vote
       WHERE replace(split_part(vote, '','', 2), '' GMT'', ''+00'')::timestamptz >= @IAmAliveTime)');

-- ---------------------------------------------------------------------------------------------------------
-- Grain state. The provider identifies a state by ServiceId, the state name (GrainTypeString: the name
-- given to [PersistentState], not the grain class) and the grain key split into two 64-bit halves plus a
-- string part (integer keys: N0 = 0, N1 = key; Guid keys: both halves; string keys: N0 = N1 = 0 and the
-- key itself in GrainIdExtensionString). It also sends two 32-bit hashes of those, for a narrow index.
-- The state is stored as the JSON text the serializer produced (json keeps it byte for byte, unlike jsonb,
-- which would reorder keys and break System.Text.Json's "$type" discriminators), so rows can be read and
-- queried in place; the provider still exchanges it as bytes (PayloadBinary), converted at the boundary.

CREATE TABLE OrleansStorage (
    ServiceId              TEXT        NOT NULL,
    GrainTypeHash          INTEGER     NOT NULL,
    GrainTypeString        TEXT        NOT NULL,
    GrainIdHash            INTEGER     NOT NULL,
    GrainIdN0              BIGINT      NOT NULL,
    GrainIdN1              BIGINT      NOT NULL,
    GrainIdExtensionString TEXT        NULL,
    PayloadJson            JSON        NULL,            -- NULL once the state is cleared
    Version                INTEGER     NOT NULL,        -- the ETag; 1 on first write, +1 on every write/clear
    ModifiedOn             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per state, so that two activations racing to write a new state cannot both insert. The hashes
-- lead for the lookups; the strings go in through md5 so that a long string key cannot exceed the btree's
-- entry size, and a missing extension stays distinct from an empty one.
CREATE UNIQUE INDEX ux_orleans_storage_state ON OrleansStorage (
    ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1,
    md5(GrainTypeString), (GrainIdExtensionString IS NULL), md5(COALESCE(GrainIdExtensionString, ''))
);

-- Result columns the provider reads: PayloadBinary (bytes or NULL) and Version (NULL when no row).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT convert_to(PayloadJson::text, ''UTF8'') AS PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString'),

-- @GrainStateVersion is the ETag the grain holds, NULL when it has never seen a row. Exactly one of the
-- two statements can act: the update when the ETag still matches, the insert when there is no ETag and no
-- row. Either answers the new version as NewGrainStateVersion; no row back means a conflict, which the
-- provider raises as InconsistentStateException.
('WriteToStorageKey', '
UPDATE OrleansStorage
   SET PayloadJson = convert_from(@PayloadBinary, ''UTF8'')::json,
       Version = Version + 1,
       ModifiedOn = now()
 WHERE @GrainStateVersion IS NOT NULL
   AND ServiceId = @ServiceId
   AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
INSERT INTO OrleansStorage
       (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
        PayloadJson, Version)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
       convert_from(@PayloadBinary, ''UTF8'')::json, 1
 WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion'),

-- Clearing keeps the row (with no payload) and moves the version on, so a stale activation still conflicts.
('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadJson = NULL,
       Version = Version + 1,
       ModifiedOn = now()
 WHERE ServiceId = @ServiceId
   AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion');
