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

-- The trials each article reports (extract_trials), one row per trial.
CREATE TABLE trials AS
SELECT a.id AS article_id, t.trial_id, t.registry, t.phase, t.enrolled,
       t.population, t.condition, t.therapy, t.responders, t.response_base,
       t.response, t.age_min, t.age_max, t.age_unit, t.other_ids, t.evidence
  FROM articles a, extract_trials(a.body) t;

-- The registry table of the sample trials, for joins in the report.
.import --csv samples/trials.csv registry
