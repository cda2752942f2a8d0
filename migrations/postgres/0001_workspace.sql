-- The workspace: one per Baton installation for now.
CREATE TABLE workspace (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO workspace (id, name) VALUES (1, 'Marketing');
