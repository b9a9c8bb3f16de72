#!/usr/bin/env bash
# Installs what is missing, then runs every test in the solution. Tests start their own PostgreSQL clusters.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/eng/setup.sh"
cd "$ROOT"
echo
echo "==> dotnet build"
dotnet build IdeaHub.sln -c Release --nologo -v q
echo
echo "==> dotnet test"
# Browser tests save screenshots (each role's home, the status timeline) here; kept after the run.
export IDEAHUB_ARTEFACTS="${IDEAHUB_ARTEFACTS:-$ROOT/artefacts/screenshots}"
set +e
dotnet test IdeaHub.sln -c Release --no-build --nologo --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=results" --results-directory "$ROOT/TestResults" 2>&1 | tee "$ROOT/TestResults.log"
status=${PIPESTATUS[0]}
set -e
count() { cat "$ROOT"/TestResults/*.trx 2>/dev/null | grep -oE "<Counters [^>]*" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed)
failed=$(count failed)
echo
echo "${passed:-0} passed, ${failed:-0} failed"
echo "screenshots: $IDEAHUB_ARTEFACTS"
rm -rf "$ROOT/TestResults"
exit "$status"
