-- load_samples.sql -- loads samples/ into ordinary tables (make demo).
-- Run in the sqlite3 shell with the extension loaded, from the repo root:
--   sqlite3 build/corpus.db -cmd '.load build/therapy' < sql/load_samples.sql
-- Uses the shell's own fsdir() to list the folder; the therapy_corpus
-- virtual table will take its place.

CREATE TABLE articles(
  id     INTEGER PRIMARY KEY,
  name   TEXT UNIQUE,        -- file name in samples/
  format TEXT,               -- 'text' or 'html'
  size   INTEGER,            -- bytes
  raw    TEXT                -- the page as saved
);

INSERT INTO articles(name, format, size, raw)
SELECT substr(name, length('samples/') + 1),
       CASE WHEN name GLOB '*.html' THEN 'html' ELSE 'text' END,
       length(data),
       CAST(data AS TEXT)
  FROM fsdir('samples')
 WHERE name GLOB '*.txt' OR name GLOB '*.html'
 ORDER BY name;

-- The registry table of the sample trials, for joins in the report.
.import --csv samples/trials.csv registry
