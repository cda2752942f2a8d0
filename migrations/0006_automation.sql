-- Automation: rules that run by themselves, the durable queue of what may set them off,
-- the record of every run, measured results, inbound hooks and intake forms.

-- The workspace's time zone: schedules ("every Monday 09:00") are read in it.
ALTER TABLE workspace ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- A rule, stored whole as JSON (domain::automation::Rule); the columns beside it are what
-- lists filter and sort on. Versioned like workflows: each save adds a version row.
CREATE TABLE automation_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    workflow_id TEXT REFERENCES workflows (id),
    owner_id INTEGER NOT NULL REFERENCES people (id),
    enabled BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    -- Why the rule paused itself (a flood, failures in a row), until someone enables it again.
    paused_reason TEXT,
    -- When it was last switched on: schedules and date triggers count from then.
    enabled_at TEXT,
    -- The last schedule slot that ran (local date-time, for schedule triggers).
    last_slot TEXT,
    -- The built-in rule this is (its key), so it is installed once.
    builtin_key TEXT UNIQUE,
    archived_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE automation_rule_versions (
    rule_id INTEGER NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    saved_by INTEGER REFERENCES people (id),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (rule_id, version)
);

-- What may set rules off, written in the same transaction as the change that caused it;
-- the worker inside the server takes them in order. The key (domain SignalId::key) is
-- unique, so a signal is queued once however often its cause is seen.
CREATE TABLE automation_signals (
    id INTEGER PRIMARY KEY,
    signal_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    processed_at TEXT
);

CREATE INDEX automation_signals_waiting ON automation_signals (processed_at, id);

-- One row per rule that met a signal and was evaluated: the trigger in words, each
-- condition with its result, each step with its outcome. (rule, signal) is unique, so a
-- restart in the middle never runs a rule twice for one signal.
CREATE TABLE automation_runs (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
    signal_key TEXT NOT NULL,
    rule_version INTEGER NOT NULL,
    item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
    depth INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'failed', 'skipped')),
    summary TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (rule_id, signal_key)
);

CREATE INDEX automation_runs_rule ON automation_runs (rule_id, id);
CREATE INDEX automation_runs_item ON automation_runs (item_id);

-- Where round-robin assignment left off, per team.
CREATE TABLE automation_round_robin (
    team_key TEXT PRIMARY KEY,
    last_person INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE
);

-- Results measured for an item or a campaign: open rate, CTR, CPA, leads, any number the
-- team names. Kept with their time; what a threshold rule compares.
CREATE TABLE metric_readings (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    value REAL NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES people (id),
    hook_id INTEGER,
    created_at TEXT NOT NULL,
    CHECK ((item_id IS NULL) <> (campaign_id IS NULL))
);

CREATE INDEX metric_readings_item ON metric_readings (item_id, metric, recorded_at);
CREATE INDEX metric_readings_campaign ON metric_readings (campaign_id, metric, recorded_at);

-- An inbound hook: a secret address (stored as a digest) that records a result or creates
-- an item in a workflow; optionally it checks a Standard Webhooks signature.
CREATE TABLE inbound_hooks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('record_result', 'create_item')),
    workflow_id TEXT REFERENCES workflows (id),
    signing_secret TEXT,
    created_by INTEGER NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

-- A workflow's intake form: signed-in people can always use it; with a public token,
-- anyone with that link can.
CREATE TABLE intake_forms (
    workflow_id TEXT PRIMARY KEY REFERENCES workflows (id),
    public_token TEXT UNIQUE,
    intro TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
