-- 0001: actors, documents, relations, evidence and full-text search.
--
-- Dates are kept twice: as text at their precision ("2024", "2024-06",
-- "2024-06-19", '' when unknown) so they round-trip, and as days since
-- 1970-01-01 of the start and end of the period they name (NULL when
-- unknown), so filters compare integers.

CREATE TABLE actors (
	code       TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	country    TEXT NOT NULL DEFAULT '',
	aliases    TEXT NOT NULL DEFAULT '[]', -- JSON array
	theaters   TEXT NOT NULL DEFAULT '[]', -- JSON array
	terms      TEXT NOT NULL DEFAULT '[]', -- JSON array of axis.Term
	historical INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE documents (
	id        TEXT PRIMARY KEY, -- SHA-256 hex of the content or citation
	title     TEXT NOT NULL DEFAULT '',
	publisher TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	path      TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	kind      TEXT NOT NULL,
	ingested  TEXT NOT NULL -- RFC 3339
) WITHOUT ROWID;

CREATE TABLE relations (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL,        -- axis.Relation.Key(), unique (relations_key)
	source     TEXT NOT NULL REFERENCES actors(code),
	target     TEXT NOT NULL REFERENCES actors(code),
	kind       TEXT NOT NULL,
	family     TEXT NOT NULL,
	item       TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',
	date_start INTEGER, -- days since epoch of Date.Start(), NULL when unknown
	date_end   INTEGER, -- days since epoch of Date.End()
	until      TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL,
	quantity   TEXT,    -- JSON axis.Quantity or NULL
	events     INTEGER NOT NULL DEFAULT 0,
	group_id   TEXT NOT NULL DEFAULT '',
	commitment TEXT,    -- JSON axis.Commitment or NULL
	c_start    INTEGER, -- days of the commitment's entry into force (else signature)
	c_ended    INTEGER  -- days of the commitment's end
);
CREATE UNIQUE INDEX relations_key ON relations(key);
CREATE INDEX relations_dyad ON relations(source, target);
CREATE INDEX relations_target ON relations(target);
CREATE INDEX relations_date ON relations(date_start);

CREATE TABLE evidence (
	id          INTEGER PRIMARY KEY,
	relation_id INTEGER NOT NULL REFERENCES relations(id),
	dedup       BLOB NOT NULL, -- hash of document, method, offsets, sentence
	document_id TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	sentence    TEXT NOT NULL,
	start       INTEGER NOT NULL DEFAULT 0,
	"end"       INTEGER NOT NULL DEFAULT 0,
	method      TEXT NOT NULL,
	confidence  REAL NOT NULL DEFAULT 0,
	status      TEXT NOT NULL,
	attrs       TEXT -- JSON object or NULL
);
CREATE UNIQUE INDEX evidence_dedup ON evidence(relation_id, dedup);

-- External-content FTS5 index over evidence sentences; the store writes
-- its rows itself in the same transaction as the evidence.
CREATE VIRTUAL TABLE evidence_fts USING fts5(
	sentence,
	content = 'evidence',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
