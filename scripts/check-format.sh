#!/usr/bin/env bash
# Checks that the C sources follow .clang-format (Debian 12's clang-format 14,
# the one version CI uses).  Exits 77 (skipped) without clang-format.
# Hand-aligned tables (codepoints.h's X-macros, golden byte arrays in the
# tests) sit between /* clang-format off */ and /* clang-format on */.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed"; exit 77; }
files=$(git ls-files 'mipsim/*.c' 'mipsim/*.h' 'dissector/*.c' 'dissector/*.h' 'bench/*.c' \
        'tests/*.c' 'tests/*.h' 2>/dev/null)
[ -n "$files" ] || { echo "no sources found (not a git checkout?)"; exit 77; }
bad=0
for f in $files; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "not formatted: $f"; bad=1; }
done
exit $bad
