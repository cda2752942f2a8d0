-- Insights: flow metrics, forecasts and early warnings read from summaries of the
-- activity trail instead of replaying every event on every page.

-- Each item's trail in compact form: its stage visits (with the time spent waiting for
-- approval), its times in the archive and its escalations. Rewritten in the same
-- transaction as every event appended for the item (db::events::append), so it never
-- disagrees with item_events; items stored before this migration get theirs at start-up.
-- `stage` and `stage_entered_at` are its current visit, so "finished in a period" (in the
-- last stage, entered in the period) is an indexed range.
CREATE TABLE item_trails (
    item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    workflow_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    stage_entered_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    trail TEXT NOT NULL
);

CREATE INDEX item_trails_flow ON item_trails (workflow_id, stage, stage_entered_at);

-- The activity trail of a period, for the CSV export.
CREATE INDEX item_events_at ON item_events (at);

-- What went wrong after an item went out, and which stage should have caught it: the
-- error rate, and the test of whether the QA steps work.
CREATE TABLE post_launch_fixes (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    stage TEXT,
    recorded_by INTEGER NOT NULL REFERENCES people (id),
    recorded_at TEXT NOT NULL
);

CREATE INDEX post_launch_fixes_item ON post_launch_fixes (item_id);

-- Per workflow: the stage where work starts (cycle time counts from entering it). A
-- workflow without a row starts at its second stage.
CREATE TABLE flow_settings (
    workflow_id TEXT PRIMARY KEY REFERENCES workflows (id),
    start_stage TEXT NOT NULL,
    updated_by INTEGER REFERENCES people (id),
    updated_at TEXT NOT NULL
);

-- Each day's forecast for each campaign with open work: when its open items (listed,
-- so "did it hold" judges the work forecast, not work added later) should be done.
-- One row per campaign and local day: recording a day twice keeps the first.
CREATE TABLE campaign_forecasts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    made_on TEXT NOT NULL,
    items TEXT NOT NULL,
    p50 TEXT,
    p85 TEXT,
    p95 TEXT,
    enough_data BOOLEAN NOT NULL,
    made_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, made_on)
);
