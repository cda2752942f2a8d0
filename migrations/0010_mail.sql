-- Email: each person's choices, the outbox the mail sender delivers from, password resets.
--
-- A notification is its own outbox entry: the transaction that stores it also records
-- where its email goes (`mail_route`), so a change that commits is mailed and one that does
-- not never is. The sender folds due notifications into `mail_messages` in one transaction
-- (marking them `mailed_at`), and sends those with retries.

ALTER TABLE notifications ADD COLUMN mail_route TEXT;
ALTER TABLE notifications ADD COLUMN mailed_at TEXT;
CREATE INDEX notifications_mail ON notifications (mailed_at, mail_route, person_id);

-- Per person and kind: at_once, digest or off. No row means at once.
CREATE TABLE notification_prefs (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- Whether a person gets the daily digest at all (the row exists only when they said no).
CREATE TABLE digest_opt_outs (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE
);

-- One row per person and local date a digest was made for: it is never made twice.
CREATE TABLE mail_digests (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,
    message_id INTEGER,
    PRIMARY KEY (person_id, local_date)
);

CREATE TABLE mail_messages (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    -- What it is: a notice kind, `batch`, `digest`, `invite`, `reset` or `test`.
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    -- The one-click unsubscribe address, for the List-Unsubscribe header.
    unsubscribe_url TEXT,
    created_at TEXT NOT NULL,
    -- pending, sent, or failed (the schedule ran out).
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT,
    last_error TEXT,
    sent_at TEXT
);
CREATE INDEX mail_messages_due ON mail_messages (state, next_attempt_at);

-- The key unsubscribe links are signed with; made on first use.
ALTER TABLE workspace ADD COLUMN mail_key TEXT;

-- One-time password reset links, stored as digests like invites and sessions.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_person ON password_resets (person_id, created_at);
