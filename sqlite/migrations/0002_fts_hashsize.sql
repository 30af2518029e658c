-- 0002: FTS5 keeps up to 32 MiB of new index entries in memory before it
-- writes a segment (the default is 1 MiB). A bulk load then writes a few
-- large segments instead of many small ones that FTS5 merges again and
-- again.
INSERT INTO evidence_fts(evidence_fts, rank) VALUES ('hashsize', 33554432);
