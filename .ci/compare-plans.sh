#!/usr/bin/env bash
# Compares two directories written by .ci/plan-outputs.sh byte for byte (plans, standard error and exit
# codes); prints one line per file and exits 1 when any differs.
#   .ci/compare-plans.sh BEFORE_DIR AFTER_DIR
set -uo pipefail
before=$1; after=$2; status=0
for f in "$before"/*; do
  name=$(basename "$f")
  if cmp -s "$f" "$after/$name"; then
    echo "same      $name ($(wc -c < "$f") bytes, sha256 $(sha256sum < "$f" | cut -c1-16))"
  else
    echo "DIFFERENT $name"; status=1
  fi
done
exit $status
