-- load_samples.sql -- loads samples/ into ordinary tables (make demo).
-- Run in the sqlite3 shell with the extension loaded, from the repo root:
--   sqlite3 build/corpus.db -cmd '.load build/therapy' < sql/load_samples.sql
--
-- The same script materialises any folder of saved pages: change the
-- therapy_files() arguments.  Cleaning happens once, here; reports then
-- read the ordinary table.

CREATE TABLE articles AS
SELECT rowid AS id, name, format, size, encoding, error,
       title, date, byline, site, body, raw
  FROM therapy_files('samples', NULL, 0);   -- *.txt, *.html, *.htm; not sub-folders

-- The registry table of the sample trials, for joins in the report.
.import --csv samples/trials.csv registry
