-- report.sql -- the report of make demo over build/corpus.db (made by
-- sql/load_samples.sql).  Run in the sqlite3 shell with the extension:
--   sqlite3 build/corpus.db -cmd '.load build/therapy' < sql/report.sql

.mode box --wrap 100
.headers on

SELECT 'therapy ' || therapy_version() AS extension,
       json_extract(therapy_debug(), '$.sqlite') AS sqlite,
       json_extract(therapy_debug(), '$.pcre2') AS pcre2,
       json_extract(therapy_debug(), '$.unicode') AS unicode;

.print
.print Articles: publication date, headline, size of the page and of the article
SELECT substr(a.name, 1, 3) || '…' || substr(a.name, -5) AS file,
       a.format,
       coalesce(a.date, '?') AS date,
       substr(coalesce(a.title, '?'), 1, 58)
         || iif(length(a.title) > 58, '…', '') AS title,
       round(a.size / 1024.0, 1) AS page_kb,
       round(length(a.body) / 1024.0, 1) AS body_kb,
       (SELECT count(*) FROM extract_sentences(a.body)) AS sentences
  FROM articles a
 ORDER BY a.date;

.print
.print Trials each article reports (extract_trials), joined with samples/trials.csv
.print (reg_phase: the phase the registry gives; an id the registry lacks shows '?')
SELECT substr(a.name, 1, 2) AS file,
       coalesce(t.trial_id, '(no id)') AS trial_id,
       coalesce(t.phase, '-') AS phase,
       coalesce(t.enrolled || ' ' || coalesce(t.population, ''), '-') AS enrolled,
       coalesce(t.responders || coalesce('/' || t.response_base, '')
                || ' ' || t.response, '-') AS responders,
       coalesce(t.age_min, '') || iif(t.age_max IS NOT t.age_min,
         '–' || coalesce(t.age_max, ''), '') || coalesce(' ' || t.age_unit, '')
         AS ages,
       coalesce(t.therapy, '-') AS therapy,
       substr(coalesce(t.condition, '-'), 1, 28) AS condition,
       CASE WHEN t.trial_id IS NULL THEN ''
            ELSE coalesce(r.phase, '?') END AS reg_phase
  FROM trials t JOIN articles a ON a.id = t.article_id
  LEFT JOIN registry r
         ON r.trial_id = t.trial_id
         OR ' ' || t.other_ids || ' ' LIKE '% ' || r.trial_id || ' %'
 GROUP BY t.rowid
 ORDER BY a.name, t.rowid;

.print
.print Trials and patients per therapy kind
SELECT coalesce(therapy, '(unknown)') AS therapy,
       count(*) AS trials,
       count(trial_id) AS with_id,
       sum(enrolled) AS patients,
       sum(responders) AS responders,
       group_concat(DISTINCT phase) AS phases
  FROM trials
 GROUP BY 1
 ORDER BY trials DESC, therapy;

.print
.print Registry trials (samples/trials.csv) that no article reports
SELECT r.trial_id, r.phase, substr(r.title, 1, 70) AS title
  FROM registry r
 WHERE NOT EXISTS (SELECT 1 FROM trials t
                    WHERE t.trial_id = r.trial_id
                       OR ' ' || t.other_ids || ' ' LIKE '% ' || r.trial_id || ' %')
 ORDER BY r.trial_id;

.print
.print Therapy of each article (therapy_kind) and what it names (extract_entities)
SELECT substr(a.name, 1, 2) AS file,
       coalesce(therapy_kind(a.body), '-') AS kind,
       substr((SELECT group_concat(norm, '; ') FROM (SELECT DISTINCT e.norm
          FROM extract_entities(a.body) e WHERE e.type = 'disease' LIMIT 3)),
          1, 70) AS diseases,
       (SELECT group_concat(norm, '; ') FROM (SELECT DISTINCT e.norm
          FROM extract_entities(a.body) e WHERE e.type IN ('product', 'gene')
          LIMIT 4)) AS products_and_genes,
       (SELECT group_concat(norm, '; ') FROM (SELECT DISTINCT e.norm
          FROM extract_entities(a.body) e WHERE e.type = 'registry_id'))
         AS registry_ids
  FROM articles a
 ORDER BY a.name;

.print
.print Articles per therapy kind
SELECT coalesce(therapy_kind(body), '(none)') AS kind, count(*) AS articles,
       min(date) AS first, max(date) AS last
  FROM articles
 GROUP BY 1
 ORDER BY articles DESC, kind;
