-- Projections of topic measurements-located (rebuildable from offset 0) and the outbox of topic coverage.

-- One fact per (test, boundary set): the first event wins, duplicates are ignored by the primary key.
CREATE TABLE fact (
    test_id        uuid             NOT NULL,
    boundary_set   text             NOT NULL,
    province_code  text             NOT NULL,
    district_code  text,
    commune_code   text,
    unit_code      text             NOT NULL,
    device_id      text             NOT NULL,
    measured_at    timestamptz      NOT NULL,
    network        text             NOT NULL,
    operator       text             NOT NULL,
    download_kbps  double precision NOT NULL,
    upload_kbps    double precision NOT NULL,
    latency_ms     double precision NOT NULL,
    jitter_ms      double precision,
    loss_pct       double precision,
    PRIMARY KEY (test_id, boundary_set)
);

-- Tests a boundary set could not place, one per (test, set), for reconciliation by reason.
CREATE TABLE unlocated_fact (
    test_id      uuid        NOT NULL,
    boundary_set text        NOT NULL,
    reason       text        NOT NULL,
    network      text        NOT NULL,
    measured_at  timestamptz NOT NULL,
    PRIMARY KEY (test_id, boundary_set)
);

-- A statistics cell: (set, unit, network, operator or ALL, period). Figures are materialised for reads;
-- the sketches are the mergeable state (devices: HLL, metrics: DDSketch). The key (set|unit|network|operator|period)
-- is in the C collation so one unit's cells are a key range; fillfactor leaves room for HOT updates (a batch
-- rewrites figures and sketches, never an indexed column).
CREATE TABLE cell (
    cell_key         text COLLATE "C" PRIMARY KEY,
    boundary_set     text             NOT NULL,
    unit_code        text             NOT NULL,
    unit_name        text,
    level            text             NOT NULL,
    parent_code      text,
    province_code    text,
    network          text             NOT NULL,
    operator         text             NOT NULL,
    period           text             NOT NULL,
    period_kind      text             NOT NULL,
    tests            bigint           NOT NULL,
    devices          bigint           NOT NULL,
    dl_median        double precision,
    dl_mean          double precision,
    dl_p10           double precision,
    dl_p90           double precision,
    ul_median        double precision,
    ul_mean          double precision,
    ul_p10           double precision,
    ul_p90           double precision,
    lat_median       double precision,
    lat_mean         double precision,
    lat_p10          double precision,
    lat_p90          double precision,
    jitter_median    double precision,
    loss_median      double precision,
    dl_ci_low        double precision,
    dl_ci_high       double precision,
    announced_status text,
    dl_sum           double precision NOT NULL,
    ul_sum           double precision NOT NULL,
    lat_sum          double precision NOT NULL,
    devices_sketch   bytea            NOT NULL,
    dl_sketch        bytea            NOT NULL,
    ul_sketch        bytea            NOT NULL,
    lat_sketch       bytea            NOT NULL,
    jitter_sketch    bytea            NOT NULL,
    loss_sketch      bytea            NOT NULL,
    updated_at       timestamptz      NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX cell_by_parent ON cell (boundary_set, parent_code, network, period, operator);
CREATE INDEX cell_by_level ON cell (boundary_set, level, network, period, operator);

-- Where the projection stands in the log; written in the same transaction as the state it covers.
CREATE TABLE checkpoint (
    consumer    text        NOT NULL,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (consumer, topic, partition)
);

-- Transactional outbox of topic coverage: written with the status change, relayed to Kafka, marked sent.
CREATE TABLE outbox (
    id         uuid        PRIMARY KEY,
    seq        bigserial   NOT NULL UNIQUE,
    topic      text        NOT NULL,
    event_key  text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
