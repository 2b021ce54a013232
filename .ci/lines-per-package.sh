#!/usr/bin/env bash
# Lines of main Java code per package (all lines of src/main/java files, package-info included).
#   .ci/lines-per-package.sh [ROOT]
cd "${1:-.}"
find . -path '*/src/main/java/*' -name '*.java' -print0 | xargs -0 wc -l | grep -v ' total$' \
  | awk '{ f=$2; sub(/.*\/src\/main\/java\//, "", f); sub(/\/[^\/]*$/, "", f); gsub(/\//, ".", f); n[f]+=$1; t+=$1 }
         END { for (p in n) printf "%6d %s\n", n[p], p; printf "%6d total\n", t }' | sort -k2
