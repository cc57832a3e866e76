-- Service categories: two levels (bk_parent_id 0 on the first), bk_root_id the first-level id. Keyed by
-- business first, like every table that is not per service instance, so that a distributed PostgreSQL
-- (Citus) can distribute them by bk_biz_id. Built-ins belong to business 0 and are seen by every business.

CREATE TABLE service_categories (
    bk_biz_id           BIGINT  NOT NULL,
    id                  BIGINT  NOT NULL,
    name                TEXT    NOT NULL,
    bk_root_id          BIGINT  NOT NULL,
    bk_parent_id        BIGINT  NOT NULL,
    bk_supplier_account TEXT    NOT NULL,
    is_built_in         BOOLEAN NOT NULL,
    PRIMARY KEY (bk_biz_id, id)
);

-- A name is unique among a business's first-level categories, and among all of its second-level ones.
CREATE UNIQUE INDEX ux_service_categories_name ON service_categories (bk_biz_id, (bk_parent_id = 0), name);

-- The version of a business's catalogue (its categories, later its templates): every write names the
-- version it was judged against.
CREATE TABLE business_catalogue_versions (
    bk_biz_id BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL
);

INSERT INTO service_categories (bk_biz_id, id, name, bk_root_id, bk_parent_id, bk_supplier_account, is_built_in)
VALUES (0, 1, 'Default', 1, 0, '0', TRUE), (0, 2, 'Default', 1, 1, '0', TRUE);

INSERT INTO id_sequences (name, next_id) VALUES ('service_category_id', 3);
