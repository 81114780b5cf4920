-- eval_trials.sql -- extract_trials() against hand-written truth.
-- Run by scripts/eval_trials.sh (make eval), which loads the extension,
-- imports DIR/expected.csv as table expected and sets :dir:
--
--   sh scripts/eval_trials.sh build/therapy samples/trials/dev
--
-- expected.csv has one row per trial each text reports (a file with no
-- trial has one row with only its name).  An extracted trial matches an
-- expected one of the same file with the same trial_id (or one of its
-- other_ids), or, for trials without an id, the first id-less one.
-- Prints trials found (precision and recall) and, over matched trials,
-- how many of each field agree: phase, enrolled, responders, ages and
-- therapy exactly; population ignoring case and a plural 's'; condition
-- by the lexicon's canonical name of the expected text; response when
-- one contains the other.  Then the disagreements, one per line.
.mode list
.headers off
.separator " "
CREATE TEMP TABLE got AS
  SELECT f.name AS file, row_number() OVER (PARTITION BY f.name) AS n, t.*
    FROM therapy_files(:dir, '*.txt') f, extract_trials(f.raw) t;
CREATE TEMP TABLE truth AS
  SELECT rowid AS id, * FROM expected
   WHERE trial_id<>'' OR phase<>'' OR enrolled<>'';
-- pairs: by id first, then id-less in order
CREATE TEMP TABLE pair AS
  SELECT e.id AS eid, g.file, g.n AS gn FROM truth e JOIN got g
      ON g.file=e.file AND e.trial_id<>''
     AND (g.trial_id=e.trial_id OR ' '||g.other_ids||' ' LIKE '% '||e.trial_id||' %');
INSERT INTO pair
  SELECT e.id, e.file,
         (SELECT min(g.n) FROM got g WHERE g.file=e.file AND g.trial_id IS NULL)
    FROM truth e WHERE e.trial_id='' AND EXISTS
         (SELECT 1 FROM got g WHERE g.file=e.file AND g.trial_id IS NULL);
CREATE TEMP TABLE cmp AS
  SELECT e.file, e.trial_id AS want_id, g.trial_id AS got_id,
    coalesce(g.phase,'') = e.phase AS phase,
    coalesce(g.enrolled,'') = e.enrolled AS enrolled,
    rtrim(lower(coalesce(g.population,'')),'s') = rtrim(lower(e.population),'s')
      AS population,
    coalesce(g.condition,'') = coalesce((SELECT norm FROM extract_entities(e.condition)
       WHERE type='disease' ORDER BY length DESC LIMIT 1), e.condition) AS condition,
    coalesce(g.therapy,'') = e.therapy AS therapy,
    coalesce(g.responders,'') = e.responders AS responders,
    (e.response='' AND g.response IS NULL)
      OR (e.response<>'' AND g.response IS NOT NULL
          AND (instr(lower(e.response), lower(g.response))
               OR instr(lower(g.response), lower(e.response)))) AS response,
    coalesce(g.age_min,'') = e.age_min AND coalesce(g.age_max,'') = e.age_max
      AND coalesce(g.age_unit,'') = e.age_unit AS ages,
    e.phase AS e_phase, g.phase AS g_phase, e.enrolled AS e_enr, g.enrolled AS g_enr,
    e.population AS e_pop, g.population AS g_pop, e.condition AS e_cond,
    g.condition AS g_cond, e.therapy AS e_th, g.therapy AS g_th,
    e.responders AS e_resp, g.responders AS g_resp, e.response AS e_rs,
    g.response AS g_rs, e.age_min||'-'||e.age_max||' '||e.age_unit AS e_age,
    g.age_min||'-'||g.age_max||' '||g.age_unit AS g_age
  FROM pair p JOIN truth e ON e.id=p.eid JOIN got g ON g.file=p.file AND g.n=p.gn;
SELECT printf('%s: trials expected %d, extracted %d, matched %d; precision %.3f recall %.3f',
  :dir, (SELECT count(*) FROM truth), (SELECT count(*) FROM got),
  (SELECT count(*) FROM cmp),
  (SELECT count(*) FROM cmp)*1.0/max(1,(SELECT count(*) FROM got)),
  (SELECT count(*) FROM cmp)*1.0/max(1,(SELECT count(*) FROM truth)));
SELECT printf('  fields right of %d matched: phase %d, enrolled %d, population %d, condition %d, therapy %d, responders %d, response %d, ages %d',
  count(*), sum(phase), sum(enrolled), sum(population), sum(condition),
  sum(therapy), sum(responders), sum(response), sum(ages)) FROM cmp;
SELECT '  extra: '||file||' '||coalesce(trial_id,'(no id)')||' phase '||coalesce(phase,'-')
       ||' enrolled '||coalesce(enrolled,'-')
  FROM got g WHERE NOT EXISTS (SELECT 1 FROM pair p WHERE p.file=g.file AND p.gn=g.n);
SELECT '  missed: '||file||' '||coalesce(nullif(trial_id,''),'(no id)')
  FROM truth e WHERE NOT EXISTS (SELECT 1 FROM pair p WHERE p.eid=e.id);
SELECT '  '||file||' '||coalesce(nullif(want_id,''),'(no id)')||':'
  ||iif(phase,'',' phase '||e_phase||'/'||coalesce(g_phase,'-'))
  ||iif(enrolled,'',' enrolled '||e_enr||'/'||coalesce(g_enr,'-'))
  ||iif(population,'',' population '||e_pop||'/'||coalesce(g_pop,'-'))
  ||iif(condition,'',' condition '||e_cond||'/'||coalesce(g_cond,'-'))
  ||iif(therapy,'',' therapy '||e_th||'/'||coalesce(g_th,'-'))
  ||iif(responders,'',' responders '||e_resp||'/'||coalesce(g_resp,'-'))
  ||iif(response,'',' response "'||e_rs||'"/"'||coalesce(g_rs,'-')||'"')
  ||iif(ages,'',' ages '||e_age||'/'||coalesce(g_age,'-'))
  FROM cmp WHERE NOT (phase AND enrolled AND population AND condition AND therapy
                      AND responders AND response AND ages);
