#!/usr/bin/env bash
# Installs, idempotently, everything IdeaHub needs on a fresh Debian 12 machine (run as root).
# A second run with everything present does no network work.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${IDEAHUB_TOOLS:-/opt/ideahub}"
LLAMA_VERSION=3.22.1
LLAMA_DIR="${IDEAHUB_LLAMA_DIR:-$TOOLS/llama-$LLAMA_VERSION}"
LLAMA_SRC_SHA256=a0d9dd80eacd2ab1cfe71aee57ac8a806487fd70b3d2a38fbec637752d9e5c5f
SIGNALR_VERSION=10.0.11
SIGNALR_SHA256=ae9efcfc7dccfc81b2f69edd4a0f879a8f0c51c0154c469561c4a5c201310b4c
CHARTJS_VERSION=4.5.1
CHARTJS_SHA256=f540d98468457ac7a0aabb32006dfb066297e096c5ea063a5d80aa973d1c337a
PG_BIN=/usr/lib/postgresql/15/bin

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nsetup.sh FAILED at step: %s\n' "$CURRENT" >&2; }
trap fail ERR
CURRENT="start"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then $SUDO apt-get update -q; apt_updated=1; fi
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
}

verify_sha() { # file expected
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || { echo "sha256 mismatch for $1: got $got, want $2" >&2; return 1; }
}

npm_fetch() { # spec sha dest-dir -> prints tarball path
  local spec=$1 sha=$2 dest=$3
  mkdir -p "$dest"
  local name; name=$(cd "$dest" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)
  verify_sha "$dest/$name" "$sha"
  echo "$dest/$name"
}

CURRENT="apt packages (PostgreSQL 15, headers, build tools, Chromium, Redis and nginx for clusters)"
step "$CURRENT"
apt_install postgresql-15 postgresql-server-dev-15 postgresql-client-15 build-essential git ca-certificates chromium fonts-dejavu-core \
  redis-server nginx
# Debian's redis-server and nginx packages start system services where services may start; IdeaHub's cluster tests and
# eng/cluster.sh run their own on loopback with their own configuration, so the system ones are stopped.
for svc in redis-server nginx; do
  if command -v service >/dev/null && service "$svc" status >/dev/null 2>&1; then $SUDO service "$svc" stop || true; fi
done
# Debian's postgresql package starts a system cluster we do not use; IdeaHub runs its own clusters.
if [ -d /etc/postgresql/15/main ] && command -v pg_lsclusters >/dev/null && pg_lsclusters 2>/dev/null | grep -q online; then
  $SUDO pg_ctlcluster 15 main stop || true
fi

CURRENT="pgvector 0.8.0 from Debian's source package"
step "$CURRENT"
if [ -f /usr/share/postgresql/15/extension/vector.control ] && [ -f /usr/lib/postgresql/15/lib/vector.so ]; then
  echo "pgvector present: $(grep default_version /usr/share/postgresql/15/extension/vector.control)"
else
  APT_DIR="$TOOLS/apt-trixie-src"
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/src"
  # Same mirror as the system's own sources, separate sources file and lists dir so system apt state is untouched.
  MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" > "$APT_DIR/sources.list"
  APTOPT=(-o "Dir::Etc::sourcelist=$APT_DIR/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$APT_DIR/lists" -o "APT::Get::List-Cleanup=0")
  apt-get "${APTOPT[@]}" update -q
  (cd "$APT_DIR/src" && apt-get "${APTOPT[@]}" source --download-only pgvector=0.8.0-1)
  rm -rf "$APT_DIR/build" && mkdir -p "$APT_DIR/build"
  tar -xzf "$APT_DIR"/src/pgvector_0.8.0.orig.tar.gz -C "$APT_DIR/build"
  (cd "$APT_DIR"/build/pgvector-0.8.0 && make -s PG_CONFIG=$PG_BIN/pg_config OPTFLAGS="" && $SUDO make -s PG_CONFIG=$PG_BIN/pg_config install)
fi

# The app's llama.cpp is LLamaSharp's (NuGet LLamaSharp.Backend.Cpu, restored below): nothing native comes from npm.
# llama.cpp's source (node-llama-cpp's git bundle) is kept for test assets: vocabulary-only GGUFs for generated test
# models, and the headers of the benchmark's C loop. node-llama-cpp itself is only a benchmark peer (IdeaHub.Bench llm).
CURRENT="llama.cpp source for test models and the bench (node-llama-cpp@$LLAMA_VERSION bundle)"
step "$CURRENT"
if [ -f "$LLAMA_DIR/include/llama.h" ]; then
  echo "headers present in $LLAMA_DIR/include"
else
  tgz=$(npm_fetch "node-llama-cpp@$LLAMA_VERSION" "$LLAMA_SRC_SHA256" "$TOOLS/cache")
  rm -rf "$TOOLS/tmp-src" && mkdir -p "$TOOLS/tmp-src"
  tar -xzf "$tgz" -C "$TOOLS/tmp-src" package/llama/gitRelease.bundle
  git -c advice.detachedHead=false clone -q "$TOOLS/tmp-src/package/llama/gitRelease.bundle" "$LLAMA_DIR/src"
  mkdir -p "$LLAMA_DIR/include"
  cp "$LLAMA_DIR"/src/include/*.h "$LLAMA_DIR"/src/ggml/include/*.h "$LLAMA_DIR/include/"
  rm -rf "$TOOLS/tmp-src"
fi

CURRENT="browser libraries (@microsoft/signalr, chart.js) into wwwroot/lib"
step "$CURRENT"
WEBLIB="$ROOT/src/IdeaHub.Web/wwwroot/lib"
if [ -f "$WEBLIB/signalr/signalr.min.js" ] && [ -f "$WEBLIB/chartjs/chart.umd.min.js" ]; then
  echo "browser libraries present"
else
  mkdir -p "$WEBLIB/signalr" "$WEBLIB/chartjs" "$TOOLS/tmp-web"
  tgz=$(npm_fetch "@microsoft/signalr@$SIGNALR_VERSION" "$SIGNALR_SHA256" "$TOOLS/cache")
  tar -xzf "$tgz" -C "$TOOLS/tmp-web" && cp "$TOOLS"/tmp-web/package/dist/browser/signalr.min.js "$WEBLIB/signalr/" && rm -rf "$TOOLS/tmp-web/package"
  tgz=$(npm_fetch "chart.js@$CHARTJS_VERSION" "$CHARTJS_SHA256" "$TOOLS/cache")
  tar -xzf "$tgz" -C "$TOOLS/tmp-web" && cp "$TOOLS"/tmp-web/package/dist/chart.umd.min.js "$WEBLIB/chartjs/" && rm -rf "$TOOLS/tmp-web"
fi

CURRENT="dotnet restore"
step "$CURRENT"
if [ -f "$ROOT/IdeaHub.sln" ]; then
  dotnet restore "$ROOT/IdeaHub.sln" --verbosity quiet
fi

echo
echo "setup.sh: all set (PostgreSQL $($PG_BIN/postgres --version | awk '{print $3}'), pgvector, llama.cpp source in $LLAMA_DIR/src; runtime: LLamaSharp from NuGet)"
