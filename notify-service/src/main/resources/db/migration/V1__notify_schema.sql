-- Subscriptions: state notify-service owns.
CREATE TABLE subscription (
    id             uuid PRIMARY KEY,
    province_code  varchar(8)   NOT NULL,
    boundary_set   varchar(32)  NOT NULL,
    channel        varchar(16)  NOT NULL CHECK (channel IN ('email', 'webhook')),
    emails         text,
    webhook_url    varchar(2048),
    webhook_secret varchar(256),
    kinds          varchar(128) NOT NULL,
    networks       varchar(32)  NOT NULL,
    language       varchar(4)   NOT NULL,
    created_by     varchar(256),
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL
);
CREATE INDEX subscription_province ON subscription (boundary_set, province_code);

-- Every CoverageChanged received, once: a redelivered event hits the unique key and is ignored.
CREATE TABLE coverage_event (
    id            bigserial PRIMARY KEY,
    event_key     varchar(300) NOT NULL UNIQUE,
    boundary_set  varchar(32)  NOT NULL,
    unit_code     varchar(32)  NOT NULL,
    unit_name     varchar(256),
    level         varchar(16)  NOT NULL,
    province_code varchar(8),
    network       varchar(8)   NOT NULL,
    period        varchar(16)  NOT NULL,
    previous      varchar(16),
    status        varchar(16)  NOT NULL,
    tests         bigint       NOT NULL,
    devices       bigint       NOT NULL,
    need_tests    bigint       NOT NULL,
    need_devices  bigint       NOT NULL,
    changed_at    timestamptz  NOT NULL,
    received_at   timestamptz  NOT NULL,
    alert_pending boolean      NOT NULL,
    batch_key     varchar(128)
);
CREATE INDEX coverage_event_pending ON coverage_event (boundary_set, province_code) WHERE alert_pending;
CREATE INDEX coverage_event_cell ON coverage_event (boundary_set, province_code, period, unit_code, network, changed_at DESC);

-- The delivery log: one row per (subscription, event key), inserted PENDING by the transaction that
-- decides to send; the unique key is what makes a second decision a no-op.
CREATE TABLE delivery (
    id              uuid PRIMARY KEY,
    subscription_id uuid         NOT NULL,
    province_code   varchar(8)   NOT NULL,
    boundary_set    varchar(32)  NOT NULL,
    kind            varchar(32)  NOT NULL,
    event_key       varchar(128) NOT NULL,
    channel         varchar(16)  NOT NULL,
    target          text,
    subject         text         NOT NULL,
    body_text       text         NOT NULL,
    body_html       text         NOT NULL,
    body_json       text         NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer      NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    finished_at     timestamptz,
    published       boolean      NOT NULL,
    CONSTRAINT delivery_once UNIQUE (subscription_id, event_key)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_outbox ON delivery (finished_at) WHERE NOT published AND status <> 'PENDING';
CREATE INDEX delivery_province ON delivery (province_code, created_at DESC);

-- When each province's digest last ran ("published since the last digest").
CREATE TABLE digest_run (
    id            bigserial PRIMARY KEY,
    boundary_set  varchar(32) NOT NULL,
    province_code varchar(8)  NOT NULL,
    week          varchar(16) NOT NULL,
    ran_at        timestamptz NOT NULL
);
CREATE INDEX digest_run_province ON digest_run (boundary_set, province_code, ran_at DESC);
