-- PostgreSQL 15 build of bench/latency: psql -v jsonl=/path/to/corpus.jsonl -f pg_build.sql
-- The peers' build (../shared/peers/pg: title weight A, text B, speakers C, GIN index, text
-- kept for ts_headline) with each document analysed by its own language's text search
-- configuration ('simple' where PostgreSQL has none), and the facet columns.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS raw, docs, langcfg;
CREATE UNLOGGED TABLE raw(j text);
-- CSV with quote/delimiter bytes that never occur in JSONL: every line arrives verbatim.
COPY raw FROM :'jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02');
CREATE TABLE langcfg AS
SELECT code, cfg::regconfig AS cfg FROM (VALUES
  ('en', 'english'), ('ru', 'russian'), ('tr', 'turkish'), ('fr', 'french'), ('es', 'spanish'),
  ('ar', 'arabic'), ('de', 'german'), ('it', 'italian'), ('nl', 'dutch'), ('fi', 'finnish'),
  ('sv', 'swedish'), ('da', 'danish'), ('nb', 'norwegian'), ('no', 'norwegian'), ('hu', 'hungarian'),
  ('el', 'greek'), ('pt', 'portuguese'), ('ro', 'romanian'), ('lt', 'lithuanian'), ('ga', 'irish'),
  ('id', 'indonesian'), ('ne', 'nepali'), ('ta', 'tamil'), ('hy', 'armenian'), ('eu', 'basque'),
  ('ca', 'catalan'), ('hi', 'hindi'), ('sr', 'serbian'), ('yi', 'yiddish')) v(code, cfg)
WHERE cfg IN (SELECT cfgname FROM pg_ts_config);
-- A tsvector is limited to 1 MB: a document whose tsvector would exceed it is indexed from a
-- truncated text; its full text is still stored.
CREATE OR REPLACE FUNCTION doc_tsv(cfg regconfig, title text, body text, speakers text) RETURNS tsvector
LANGUAGE plpgsql AS $$
DECLARE n int := length(coalesce(body, ''));
BEGIN
  LOOP
    BEGIN
      RETURN setweight(to_tsvector(cfg, coalesce(title, '')), 'A') ||
             setweight(to_tsvector(cfg, left(coalesce(body, ''), n)), 'B') ||
             setweight(to_tsvector(cfg, coalesce(speakers, '')), 'C');
    EXCEPTION WHEN program_limit_exceeded THEN
      n := n / 2;
    END;
  END LOOP;
END $$;
CREATE TABLE docs(rid serial PRIMARY KEY, id text, title text, text text, date text, language text,
                  country text, source text, speakers text[], cfg regconfig, tsv tsvector);
INSERT INTO docs(id, title, text, date, language, country, source, speakers, cfg, tsv)
SELECT j->>'id', j->>'title', j->>'text', j->>'date', j->>'language', j->>'country', j->>'source',
       sp.a, c.cfg, doc_tsv(c.cfg, j->>'title', j->>'text', array_to_string(sp.a, ' '))
FROM (SELECT j::jsonb AS j FROM raw) s,
     LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(coalesce(s.j->'speakers', '[]'))) AS a) sp,
     LATERAL (SELECT coalesce((SELECT cfg FROM langcfg WHERE code = s.j->>'language'), 'simple'::regconfig) AS cfg) c;
CREATE INDEX docs_tsv ON docs USING gin(tsv);
DROP TABLE raw;
VACUUM ANALYZE docs;
CHECKPOINT;
SELECT 'pg documents', count(*) FROM docs;
