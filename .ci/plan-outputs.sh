#!/usr/bin/env bash
# Writes the plan output (text and JSON) of a CLI jar for a list of snapshots into a directory, one file
# per snapshot and format, named <snapshot file name>.<text|json>, with the exit code in <name>.<format>.rc.
#   .ci/plan-outputs.sh JAR OUTDIR SNAPSHOT...
# Compare two such directories with .ci/compare-plans.sh.
set -euo pipefail
jar=$1; out=$2; shift 2
mkdir -p "$out"
for snap in "$@"; do
  base=$(basename "$snap" .json)
  for fmt in text json; do
    rc=0
    java -Xmx2g -jar "$jar" plan --snapshot "$snap" --now 2026-11-25T10:17:00Z --environments Q,R \
      --output "$fmt" > "$out/$base.$fmt" 2> "$out/$base.$fmt.err" || rc=$?
    echo "$rc" > "$out/$base.$fmt.rc"
  done
done
