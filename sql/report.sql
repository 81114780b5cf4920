-- report.sql -- the report of make demo over build/corpus.db.
-- Run in the sqlite3 shell with the extension loaded:
--   sqlite3 build/corpus.db -cmd '.load build/therapy' < sql/report.sql

.mode box
.headers on

SELECT 'therapy ' || therapy_version() AS extension,
       json_extract(therapy_debug(), '$.sqlite') AS sqlite,
       json_extract(therapy_debug(), '$.pcre2') AS pcre2,
       json_extract(therapy_debug(), '$.unicode') AS unicode;

.print
.print Articles: size, sentences and numbers found
SELECT a.name,
       a.format,
       round(a.size / 1024.0, 1) AS kb,
       (SELECT count(*) FROM extract_sentences(a.raw)) AS sentences,
       (SELECT count(*) FROM extract_numbers(a.raw)) AS numbers
  FROM articles a
 ORDER BY a.name;

.print
.print Registry ids printed in the articles (PCRE2), joined with samples/trials.csv
WITH ids AS (
  SELECT a.name,
         m.match AS printed,
         upper(regexp_replace(m.match, '[\s#:]+', '')) AS trial_id
    FROM articles a,
         regexp_matches(a.raw, '(?i)\b(?:NCT|ISRCTN)[\s#:]*\d{8}\b') m
)
SELECT ids.name, ids.printed, ids.trial_id,
       r.phase, r.condition
  FROM ids LEFT JOIN registry r ON r.trial_id = ids.trial_id
 ORDER BY ids.name, ids.trial_id;

.print
.print Sentences that give a trial phase
SELECT a.name,
       substr(s.sentence, 1, 90) || iif(length(s.sentence) > 90, '…', '')
         AS sentence
  FROM articles a, extract_sentences(a.raw) s
 WHERE s.sentence REGEXP '(?i)\bphase\s+(?:[1-4]|I{1,3}V?)(?:/|\b)'
 ORDER BY a.name, s.start;

.print
.print Sample sizes written in words (parse_number over the sentence text)
SELECT a.name, n.text AS written, n.value,
       substr(a.raw, n.start, n.length + 12) AS in_text
  FROM articles a, extract_numbers(a.raw) n
 WHERE n.text GLOB '[A-Za-z]*'
   AND substr(a.raw, n.start + n.length, 12)
       REGEXP '^\s+(?:\w+\s+)?(?:patients|children|infants|toddlers|participants|subjects|adults)'
 ORDER BY a.name, n.start;
