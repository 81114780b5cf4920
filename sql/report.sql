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
.print Registry ids printed in the articles (PCRE2), joined with samples/trials.csv
WITH ids AS (
  SELECT a.name,
         m.match AS printed,
         upper(regexp_replace(m.match, '[\s#:]+', '')) AS trial_id
    FROM articles a,
         regexp_matches(a.body, '(?i)\b(?:NCT|ISRCTN)[\s#:]*\d{8}\b') m
)
SELECT substr(ids.name, 1, 2) AS file, ids.printed, ids.trial_id,
       r.phase, substr(r.condition, 1, 40) AS condition
  FROM ids LEFT JOIN registry r ON r.trial_id = ids.trial_id
 ORDER BY ids.name, ids.trial_id;

.print
.print Sentences that give a trial phase
SELECT substr(a.name, 1, 2) AS file,
       substr(s.sentence, 1, 96) || iif(length(s.sentence) > 96, '…', '')
         AS sentence
  FROM articles a, extract_sentences(a.body) s
 WHERE s.sentence REGEXP '(?i)\bphase\s+(?:[1-4]|I{1,3}V?)[ab]?\b'
 ORDER BY a.name, s.start;

.print
.print Group sizes written in words (extract_numbers, then the noun after it)
SELECT substr(a.name, 1, 2) AS file, n.text AS written, n.value,
       regexp_substr(substr(a.body, n.start + n.length, 40),
                     '^\s+(?:\w+\s+)?\w+') AS followed_by
  FROM articles a, extract_numbers(a.body) n
 WHERE n.text GLOB '[A-Za-z]*'
   AND substr(a.body, n.start + n.length, 40)
       REGEXP '^\s+(?:[\w-]+\s+)?(?:patients|children|infants|toddlers|babies|participants|subjects|adults|people|volunteers|sufferers)\b'
 ORDER BY a.name, n.start;

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
