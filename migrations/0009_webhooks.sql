-- Outbound webhooks (Standard Webhooks): endpoints admins add, and every delivery with its
-- attempts. A delivery is written in the same transaction as the change that caused it, so
-- a change that commits is always sent and one that does not is never sent.

CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Subscribed event types, space-separated (`item.created item.stage_changed`).
    events TEXT NOT NULL,
    -- The signing secret (`whsec_…`). Kept as is: Baton needs it to sign, as the receiver
    -- needs it to verify. Shown to the admin once, when made or rotated.
    secret TEXT NOT NULL,
    -- After a rotation the old secret signs too, until `previous_until`.
    previous_secret TEXT,
    previous_until TEXT,
    enabled BOOLEAN NOT NULL,
    -- Why Baton switched it off (410 Gone, three days of failures); NULL when a person did,
    -- or when it is on.
    disabled_reason TEXT,
    -- The first failed attempt since the last delivered one.
    failing_since TEXT,
    created_by INTEGER NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    removed_at TEXT
);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),
    -- The `webhook-id` header: the same on every attempt, so receivers can drop repeats.
    message_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    -- The exact body sent (and signed).
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- pending, delivered, failed (the schedule ran out, or the endpoint went), or dropped
    -- (the endpoint was switched off or removed before it went).
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT,
    -- The delivery this one replays, when an admin asked to send a failed one again.
    replay_of INTEGER REFERENCES webhook_deliveries (id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

CREATE TABLE webhook_attempts (
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id),
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    -- The receiver's status code; NULL when it never answered (refused, timed out).
    status INTEGER,
    -- What went wrong, in words, when it did.
    error TEXT,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
