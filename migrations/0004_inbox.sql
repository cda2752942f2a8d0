-- The approval inbox: SLA timers the scheduler fires, in-app notifications,
-- the team's working hours, and the account automatic changes are made by.

-- Baton itself, as the actor of what nobody clicked (an escalation when an SLA
-- runs out). It has no password, so nobody can sign in as it, and lists of
-- people leave it out.
ALTER TABLE people ADD COLUMN automation BOOLEAN NOT NULL DEFAULT FALSE;

-- Id 0, so the people of a workspace keep numbering from 1.
INSERT INTO people (id, name, email, role, created_at, automation)
VALUES (0, 'Baton', 'automation@baton.invalid', 'viewer', '2026-01-01T00:00:00+00:00', TRUE);

-- The working week SLAs in business hours count in (JSON of WorkingHours);
-- NULL means Monday to Friday, 09:00-17:00 UTC.
ALTER TABLE workspace ADD COLUMN working_hours TEXT;

-- One row per timer of one visit of an item to a stage with an SLA: the
-- reminder at 75 % of the time and the escalation when it runs out. A visit is
-- known by the stage and the moment the item entered it. Rows are written in the same
-- transaction as the move that starts the visit, and `fired_at` is set in the
-- same transaction as what firing does, so a restart neither loses a timer nor
-- fires one twice.
CREATE TABLE sla_timers (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    entered_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reminder', 'escalation')),
    stage TEXT NOT NULL,
    due_at TEXT NOT NULL,
    fired_at TEXT,
    -- 'fired', or why it did not: 'left_stage', 'superseded', 'already_escalated'
    outcome TEXT,
    PRIMARY KEY (item_id, stage, entered_at, kind)
);

CREATE INDEX sla_timers_due ON sla_timers (fired_at, due_at);

-- What a person is told: approvals asked of them, decisions on their items,
-- mentions, SLA reminders and escalations.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    actor_id INTEGER REFERENCES people (id),
    created_at TEXT NOT NULL,
    read_at TEXT
);

CREATE INDEX notifications_person ON notifications (person_id, read_at, id);
