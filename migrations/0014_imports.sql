-- Files people upload to import (a Trello board's export, a spreadsheet), kept while they
-- map and preview them; gone once imported, discarded, or a day old.
-- AUTOINCREMENT, so an id is never given to a second file: a preview left open on an
-- upload that was imported must not import someone's next file under the old mapping.
CREATE TABLE import_uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- trello or csv.
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX import_uploads_person ON import_uploads (person_id);
