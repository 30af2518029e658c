-- 0003: the full-text index no longer keeps a row of token counts per
-- evidence piece (columnsize=0): writing it cost a fifth of indexing a
-- sentence. bm25 counts the tokens of the sentences it ranks instead.
DROP TABLE evidence_fts;
CREATE VIRTUAL TABLE evidence_fts USING fts5(
	sentence,
	content = 'evidence',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	columnsize = 0
);
INSERT INTO evidence_fts(evidence_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild');
