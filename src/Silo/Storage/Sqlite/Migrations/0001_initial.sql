-- Service instances and their processes, as relational rows operators can query.
-- Times are unix milliseconds (UTC).

CREATE TABLE service_instances (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    bk_biz_id           INTEGER NOT NULL,
    bk_module_id        INTEGER NOT NULL,
    bk_host_id          INTEGER NOT NULL,
    service_template_id INTEGER NOT NULL,
    labels              TEXT    NULL,
    creator             TEXT    NOT NULL,
    modifier            TEXT    NOT NULL,
    create_time         INTEGER NOT NULL,
    last_time           INTEGER NOT NULL,
    bk_supplier_account TEXT    NOT NULL,
    version             INTEGER NOT NULL
);

CREATE INDEX ix_service_instances_biz ON service_instances (bk_biz_id, id);
CREATE INDEX ix_service_instances_biz_module ON service_instances (bk_biz_id, bk_module_id);
CREATE INDEX ix_service_instances_host ON service_instances (bk_host_id);

CREATE TABLE processes (
    bk_process_id        INTEGER PRIMARY KEY,
    service_instance_id  INTEGER NOT NULL REFERENCES service_instances (id) ON DELETE CASCADE,
    bk_biz_id            INTEGER NOT NULL,
    bk_host_id           INTEGER NOT NULL,
    process_template_id  INTEGER NOT NULL,
    bk_supplier_account  TEXT    NOT NULL,
    auto_start           INTEGER NULL,
    auto_time_gap        INTEGER NULL,
    bk_func_id           TEXT    NULL,
    bk_func_name         TEXT    NULL,
    bk_process_name      TEXT    NULL,
    bk_start_check_secs  INTEGER NULL,
    bk_start_param_regex TEXT    NULL,
    description          TEXT    NULL,
    face_stop_cmd        TEXT    NULL,
    pid_file             TEXT    NULL,
    priority             INTEGER NULL,
    proc_num             INTEGER NULL,
    reload_cmd           TEXT    NULL,
    restart_cmd          TEXT    NULL,
    start_cmd            TEXT    NULL,
    stop_cmd             TEXT    NULL,
    timeout              INTEGER NULL,
    "user"               TEXT    NULL,
    work_path            TEXT    NULL,
    bind_info            TEXT    NULL,
    create_time          INTEGER NOT NULL,
    last_time            INTEGER NOT NULL
);

CREATE INDEX ix_processes_instance ON processes (service_instance_id, bk_process_id);
CREATE INDEX ix_processes_biz ON processes (bk_biz_id);
-- The uniqueness rules of API.md, as the last line of defence behind the grain's own check.
CREATE UNIQUE INDEX ux_processes_name ON processes (service_instance_id, bk_process_name);
CREATE UNIQUE INDEX ux_processes_function ON processes (service_instance_id, bk_func_name, COALESCE(bk_start_param_regex, ''));

CREATE TABLE id_sequences (
    name    TEXT PRIMARY KEY,
    next_id INTEGER NOT NULL
);

INSERT INTO id_sequences (name, next_id) VALUES ('bk_process_id', 1), ('service_instance_id', 1);
