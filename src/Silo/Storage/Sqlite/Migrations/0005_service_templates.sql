-- Service templates, keyed by business first like the categories they belong to, so that a distributed
-- database keeps a business's catalogue together. Names are unique in a business. Times are unix
-- milliseconds. get_service_template finds a template by id alone, hence the id index; a template check
-- finds another business's category by id alone, hence the categories' id index.

CREATE TABLE service_templates (
    bk_biz_id           INTEGER NOT NULL,
    id                  INTEGER NOT NULL,
    name                TEXT NOT NULL,
    service_category_id INTEGER NOT NULL,
    creator             TEXT NOT NULL,
    modifier            TEXT NOT NULL,
    create_time         INTEGER NOT NULL,
    last_time           INTEGER NOT NULL,
    bk_supplier_account TEXT NOT NULL,
    host_apply_enabled  INTEGER NOT NULL,
    PRIMARY KEY (bk_biz_id, id)
);

CREATE UNIQUE INDEX ux_service_templates_name ON service_templates (bk_biz_id, name);
CREATE INDEX ix_service_templates_id ON service_templates (id);
CREATE INDEX ix_service_categories_id ON service_categories (id);

INSERT INTO id_sequences (name, next_id) VALUES ('service_template_id', 1);
