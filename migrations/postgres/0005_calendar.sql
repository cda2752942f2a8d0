-- The content calendar: private subscription feeds and the planning rules.
--
-- A feed token is a secret in a URL that calendar apps fetch without a
-- session, so like session and invite tokens it is stored only as a SHA-256
-- digest: a copied database opens no one's calendar. One feed per person;
-- regenerating replaces it, revoking deletes it.
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);

-- Planning warnings: two email sends to the same segment within this many
-- days are over-contact; more than this many posts on one platform on one
-- day is too many.
ALTER TABLE workspace ADD COLUMN over_contact_days BIGINT NOT NULL DEFAULT 3;
ALTER TABLE workspace ADD COLUMN max_posts_per_platform_day BIGINT NOT NULL DEFAULT 3;
