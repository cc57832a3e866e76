-- Service instances and their processes, as relational rows operators can query.
-- Times are unix milliseconds (UTC), as in the SQLite schema, so both providers map rows the same way.

CREATE TABLE service_instances (
    id                  BIGINT PRIMARY KEY,
    name                TEXT   NOT NULL,
    bk_biz_id           BIGINT NOT NULL,
    bk_module_id        BIGINT NOT NULL,
    bk_host_id          BIGINT NOT NULL,
    service_template_id BIGINT NOT NULL,
    labels              TEXT   NULL,
    creator             TEXT   NOT NULL,
    modifier            TEXT   NOT NULL,
    create_time         BIGINT NOT NULL,
    last_time           BIGINT NOT NULL,
    bk_supplier_account TEXT   NOT NULL,
    version             BIGINT NOT NULL
);

CREATE INDEX ix_service_instances_biz ON service_instances (bk_biz_id, id);
CREATE INDEX ix_service_instances_biz_module ON service_instances (bk_biz_id, bk_module_id);
CREATE INDEX ix_service_instances_host ON service_instances (bk_host_id);

CREATE TABLE processes (
    bk_process_id        BIGINT PRIMARY KEY,
    service_instance_id  BIGINT NOT NULL REFERENCES service_instances (id) ON DELETE CASCADE,
    bk_biz_id            BIGINT NOT NULL,
    bk_host_id           BIGINT NOT NULL,
    process_template_id  BIGINT NOT NULL,
    bk_supplier_account  TEXT   NOT NULL,
    auto_start           BOOLEAN NULL,
    auto_time_gap        BIGINT NULL,
    bk_func_id           TEXT NULL,
    bk_func_name         TEXT NULL,
    bk_process_name      TEXT NULL,
    bk_start_check_secs  BIGINT NULL,
    bk_start_param_regex TEXT NULL,
    description          TEXT NULL,
    face_stop_cmd        TEXT NULL,
    pid_file             TEXT NULL,
    priority             BIGINT NULL,
    proc_num             BIGINT NULL,
    reload_cmd           TEXT NULL,
    restart_cmd          TEXT NULL,
    start_cmd            TEXT NULL,
    stop_cmd             TEXT NULL,
    timeout              BIGINT NULL,
    "user"               TEXT NULL,
    work_path            TEXT NULL,
    bind_info            TEXT NULL,
    create_time          BIGINT NOT NULL,
    last_time            BIGINT NOT NULL
);

CREATE INDEX ix_processes_instance ON processes (service_instance_id, bk_process_id);
CREATE INDEX ix_processes_biz ON processes (bk_biz_id);
-- The uniqueness rules of API.md, as the last line of defence behind the grain's own check.
CREATE UNIQUE INDEX ux_processes_name ON processes (service_instance_id, bk_process_name);
CREATE UNIQUE INDEX ux_processes_function ON processes (service_instance_id, bk_func_name, COALESCE(bk_start_param_regex, ''));

CREATE TABLE id_sequences (
    name    TEXT PRIMARY KEY,
    next_id BIGINT NOT NULL
);

INSERT INTO id_sequences (name, next_id) VALUES ('bk_process_id', 1), ('service_instance_id', 1);
