-- The workflow engine's storage: people and teams, campaigns, versioned
-- workflow definitions, items (cards) and their activity.
-- Timestamps are UTC, stored as RFC 3339 text by sqlx; statements stay within
-- what PostgreSQL also accepts, so a later PostgreSQL backend can mirror this.

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member', 'viewer')),
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    created_at TEXT NOT NULL
);

CREATE TABLE team_members (
    team TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (team, person_id)
);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL
);

-- A workflow's definitions are versioned: an edit adds a version, and items in
-- flight keep the version they were created with.
CREATE TABLE workflows (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE workflow_versions (
    workflow_id TEXT NOT NULL REFERENCES workflows (id),
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_by INTEGER REFERENCES people (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (workflow_id, version)
);

-- One row per card. What boards, calendars and inboxes filter on are columns;
-- what only the card itself needs (field values, checklist ticks, approval
-- decisions) is JSON, read and written whole with the card.
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    stage TEXT NOT NULL,
    owner_id INTEGER REFERENCES people (id),
    due_at TEXT,
    scheduled_at TEXT,
    scheduled_all_day BOOLEAN NOT NULL DEFAULT FALSE,
    channel TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns (id),
    priority TEXT NOT NULL,
    revision_round INTEGER NOT NULL DEFAULT 0,
    submitted_at TEXT,
    escalated_at TEXT,
    escalation TEXT,
    archived_at TEXT,
    entered_stage_at TEXT NOT NULL,
    fields TEXT NOT NULL,
    checklist TEXT NOT NULL,
    approvals TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_versions (workflow_id, version)
);

CREATE INDEX items_board ON items (workflow_id, archived_at, stage, id);
CREATE INDEX items_owner ON items (owner_id);
CREATE INDEX items_scheduled ON items (scheduled_at);
CREATE INDEX items_campaign ON items (campaign_id);

CREATE TABLE item_assignees (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, person_id)
);

CREATE INDEX item_assignees_person ON item_assignees (person_id);

-- The activity trail: append-only. `kind` is the event's type tag and
-- `to_stage` where a move went, so metrics can query without parsing JSON.
CREATE TABLE item_events (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    workflow_id TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES people (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    to_stage TEXT,
    payload TEXT NOT NULL
);

CREATE INDEX item_events_item ON item_events (item_id, id);
CREATE INDEX item_events_kind_at ON item_events (kind, at);
