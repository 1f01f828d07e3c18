-- The store's tables (PostgreSQL). Keep in step with ../sqlite/0001_tracking.sql: the same
-- tables, columns and indexes; only the types and the identity columns are written per dialect.
-- Dates are `YYYY-MM-DD` text, timestamps RFC 3339 text, counts and values 64-bit integers.

CREATE TABLE programmes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);

CREATE TABLE scenario_versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    version BIGINT NOT NULL,
    hash TEXT NOT NULL,
    content TEXT NOT NULL,
    created TEXT NOT NULL,
    UNIQUE (programme_id, version),
    UNIQUE (programme_id, hash)
);

CREATE TABLE imports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    source TEXT NOT NULL,
    created TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    added BIGINT NOT NULL,
    unchanged BIGINT NOT NULL,
    corrected BIGINT NOT NULL
);
CREATE INDEX imports_by_programme ON imports (programme_id, id);

CREATE TABLE actuals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    date TEXT NOT NULL,
    metric TEXT NOT NULL,
    item TEXT NOT NULL,
    value BIGINT NOT NULL CHECK (value >= 0),
    note TEXT NOT NULL,
    import_id BIGINT NOT NULL REFERENCES imports (id),
    UNIQUE (programme_id, date, metric, item)
);

CREATE TABLE corrections (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    import_id BIGINT NOT NULL REFERENCES imports (id),
    date TEXT NOT NULL,
    metric TEXT NOT NULL,
    item TEXT NOT NULL,
    old_value BIGINT NOT NULL,
    new_value BIGINT NOT NULL
);
CREATE INDEX corrections_by_programme ON corrections (programme_id, id);

CREATE TABLE forecasts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    scenario_hash TEXT NOT NULL,
    actuals_hash TEXT NOT NULL,
    as_of TEXT,
    seed BIGINT NOT NULL,
    replications BIGINT NOT NULL,
    calibrated BIGINT NOT NULL CHECK (calibrated IN (0, 1)),
    kind TEXT NOT NULL,
    created TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX forecasts_history ON forecasts (programme_id, as_of, id);

CREATE TABLE forecast_milestones (
    forecast_id BIGINT NOT NULL REFERENCES forecasts (id),
    ordinal BIGINT NOT NULL,
    milestone TEXT NOT NULL,
    due TEXT,
    p10 TEXT,
    p50 TEXT,
    p90 TEXT,
    actual TEXT,
    on_time_probability DOUBLE PRECISION,
    PRIMARY KEY (forecast_id, ordinal)
);
CREATE INDEX forecast_milestones_by_milestone ON forecast_milestones (milestone, forecast_id);
