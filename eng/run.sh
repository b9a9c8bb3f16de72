#!/usr/bin/env bash
# Installs what is missing, then starts IdeaHub at http://127.0.0.1:5080 on its embedded PostgreSQL with demo data.
# Ctrl+C stops the app and its private database server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/eng/setup.sh"
cd "$ROOT"
dotnet build src/IdeaHub.Web -c Release --nologo -v q
URLS="${IDEAHUB_URLS:-http://127.0.0.1:5080}"
echo "==> IdeaHub on $URLS (data: ${IDEAHUB_DATA:-$ROOT/.data})"
exec dotnet "$ROOT/src/IdeaHub.Web/bin/Release/net10.0/IdeaHub.Web.dll" --urls "$URLS" --contentRoot "$ROOT/src/IdeaHub.Web" "$@"
