-- The public API: personal access tokens, and the answers kept for idempotent retries.
--
-- A token is stored only as its SHA-256 digest, so a copied database opens nothing. It acts
-- as its person: the scopes only ever narrow what the person's role allows.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    -- The token's last four characters, so a person can tell two tokens apart.
    hint TEXT NOT NULL,
    -- Space-separated: read, items:write, results:write, admin.
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT,
    revoked_by INTEGER REFERENCES people (id)
);

CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- A POST sent with an Idempotency-Key is answered once; a retry with the same key gets
-- the same answer. `status` 0 means the first request is still being answered.
CREATE TABLE api_idempotency (
    token_id INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (token_id, idempotency_key)
);

CREATE INDEX api_idempotency_created ON api_idempotency (created_at);
