#!/bin/sh
# eval_trials.sh EXT DIR -- scores extract_trials() on the texts of DIR
# against DIR/expected.csv (see sql/eval_trials.sql).
set -e
EXT=$1
DIR=$2
sqlite3 :memory: -cmd ".load $EXT" \
  -cmd ".import --csv $DIR/expected.csv expected" \
  -cmd ".param set :dir '$DIR'" < sql/eval_trials.sql
