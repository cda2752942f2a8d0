-- The workflow designer: pilots of a new version, and the workspace style guide.

-- A pilot: a saved version that new items of one group (a team, a campaign or
-- chosen people, as JSON of PilotGroup) follow while everyone else stays on the
-- workflow's current version. At most one runs per workflow; it ends when a
-- manager promotes it (its version becomes current) or drops it (its items keep
-- their version, new items get the current one). Saving while a pilot runs
-- moves the pilot on to the new version.
CREATE TABLE workflow_pilots (
    id INTEGER PRIMARY KEY,
    workflow_id TEXT NOT NULL REFERENCES workflows (id),
    version INTEGER NOT NULL,
    baseline_version INTEGER NOT NULL,
    pilot_group TEXT NOT NULL,
    started_by INTEGER REFERENCES people (id),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT CHECK (outcome IN ('promoted', 'dropped')),
    FOREIGN KEY (workflow_id, version) REFERENCES workflow_versions (workflow_id, version)
);

CREATE UNIQUE INDEX workflow_pilots_running ON workflow_pilots (workflow_id) WHERE ended_at IS NULL;

-- Who saved each version is in workflow_versions; the newest version number
-- is what the next save adds one to (a pilot version can be newer than the
-- current one).
CREATE INDEX items_workflow_version ON items (workflow_id, workflow_version);

-- The brand style guide (JSON of StyleGuide); NULL means Baton's defaults.
ALTER TABLE workspace ADD COLUMN style_guide TEXT;
