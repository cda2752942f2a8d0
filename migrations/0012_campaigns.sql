-- Campaigns, outcomes and the send log.
--
-- Campaigns become a place of their own: what they are for, who owns them, their budget
-- and goals, and closing them when they are over. Their changes are kept as a trail.
ALTER TABLE campaigns ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN owner_id INTEGER REFERENCES people (id);
-- The budget in minor units (cents) with its ISO 4217 currency; both or neither.
ALTER TABLE campaigns ADD COLUMN budget_minor INTEGER;
ALTER TABLE campaigns ADD COLUMN currency TEXT;
-- Targets such as "mqls at least 400", "cpa at most 45", as a JSON list.
ALTER TABLE campaigns ADD COLUMN goals TEXT NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ADD COLUMN closed_at TEXT;
ALTER TABLE campaigns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE campaign_events (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id),
    at TEXT NOT NULL,
    what TEXT NOT NULL
);

CREATE INDEX campaign_events_campaign ON campaign_events (campaign_id, at);

-- What an item's finished work left behind (a published URL, a sent email's reach…), as
-- JSON; the workflow's definition says what it asks for.
ALTER TABLE items ADD COLUMN outcome TEXT;

-- The send log to search across items: one row per "send recorded" event, written in the
-- same transaction as the event (see db::events::append). The event stays the record.
CREATE TABLE sends (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL UNIQUE REFERENCES item_events (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    segment TEXT NOT NULL,
    -- The segment lower-cased and trimmed: what "the same segment" means.
    segment_key TEXT NOT NULL,
    recipients INTEGER,
    sent_at TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES people (id)
);

CREATE INDEX sends_segment ON sends (segment_key, sent_at);
CREATE INDEX sends_sent_at ON sends (sent_at);

-- Sends recorded before this table existed.
INSERT INTO sends (event_id, item_id, subject, segment, segment_key, recipients, sent_at, recorded_by)
SELECT id, item_id,
       json_extract(payload, '$.what'),
       json_extract(payload, '$.segment'),
       lower(trim(json_extract(payload, '$.segment'))),
       json_extract(payload, '$.recipients'),
       strftime('%Y-%m-%dT%H:%M:%f+00:00', json_extract(payload, '$.sent_at')),
       actor_id
FROM item_events WHERE kind = 'send_recorded';

-- The reporting workflow's action log: decisions taken because of a report, who owns
-- them, by when, their status, and the item a decision created (e.g. a paid-campaign
-- item to pause an ad set), kept with the report and its campaign.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaigns (id),
    decision TEXT NOT NULL,
    owner_id INTEGER REFERENCES people (id),
    due_on TEXT,
    status TEXT NOT NULL,
    created_item_id INTEGER REFERENCES items (id),
    created_by INTEGER NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX decisions_report ON decisions (report_id, id);
CREATE INDEX decisions_campaign ON decisions (campaign_id, id);
