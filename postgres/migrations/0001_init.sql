-- 0001: actors, documents, relations, evidence and full-text search.
--
-- Dates are kept twice, as in the sqlite store: as text at their precision
-- ("2024", "2024-06", "2024-06-19", '' when unknown) so they round-trip, and
-- as days since 1970-01-01 of the start and end of the period they name
-- (NULL when unknown), so filters compare integers.
--
-- Ids are numbered by the writer, which holds a transaction-level advisory
-- lock for the whole Write (see write.go), so no sequence is needed.

CREATE TABLE actors (
	code       text PRIMARY KEY,
	name       text NOT NULL,
	kind       text NOT NULL,
	country    text NOT NULL DEFAULT '',
	aliases    jsonb NOT NULL DEFAULT '[]', -- array of strings
	theaters   jsonb NOT NULL DEFAULT '[]', -- array of strings
	terms      jsonb NOT NULL DEFAULT '[]', -- array of axis.Term
	historical boolean NOT NULL DEFAULT false
);

CREATE TABLE documents (
	id        text PRIMARY KEY, -- SHA-256 hex of the content or citation
	title     text NOT NULL DEFAULT '',
	publisher text NOT NULL DEFAULT '',
	url       text NOT NULL DEFAULT '',
	path      text NOT NULL DEFAULT '',
	published text NOT NULL DEFAULT '',
	kind      text NOT NULL,
	ingested  timestamptz NOT NULL
);

CREATE TABLE relations (
	id         bigint PRIMARY KEY,
	key        text NOT NULL, -- axis.Relation.Key()
	source     text NOT NULL REFERENCES actors(code),
	target     text NOT NULL REFERENCES actors(code),
	kind       text NOT NULL,
	family     text NOT NULL,
	item       text NOT NULL DEFAULT '',
	date       text NOT NULL DEFAULT '',
	date_start integer, -- days since epoch of Date.Start(), NULL when unknown
	date_end   integer, -- days since epoch of the first day after the period
	until      text NOT NULL DEFAULT '',
	status     text NOT NULL,
	quantity   jsonb,   -- axis.Quantity or NULL
	events     integer NOT NULL DEFAULT 0,
	group_id   text NOT NULL DEFAULT '',
	commitment jsonb,   -- axis.Commitment or NULL
	c_start    integer, -- days of the commitment's entry into force (else signature)
	c_ended    integer  -- days of the commitment's end
);
CREATE UNIQUE INDEX relations_key ON relations(key);
CREATE INDEX relations_dyad ON relations(source, target);
CREATE INDEX relations_target ON relations(target);
CREATE INDEX relations_date ON relations(date_start NULLS FIRST, id);

CREATE TABLE evidence (
	id          bigint PRIMARY KEY,
	relation_id bigint NOT NULL REFERENCES relations(id),
	dedup       bytea NOT NULL, -- hash of document, method, offsets, sentence
	document_id text NOT NULL,
	source      text NOT NULL DEFAULT '',
	url         text NOT NULL DEFAULT '',
	published   text NOT NULL DEFAULT '',
	sentence    text NOT NULL,
	start       integer NOT NULL DEFAULT 0,
	"end"       integer NOT NULL DEFAULT 0,
	method      text NOT NULL,
	confidence  double precision NOT NULL DEFAULT 0,
	status      text NOT NULL,
	attrs       jsonb, -- object of strings or NULL
	-- Full-text search: English stemming ("shells" finds "shell").
	tsv         tsvector GENERATED ALWAYS AS (to_tsvector('english', sentence)) STORED
);
CREATE UNIQUE INDEX evidence_dedup ON evidence(relation_id, dedup);
CREATE INDEX evidence_tsv ON evidence USING gin(tsv);
