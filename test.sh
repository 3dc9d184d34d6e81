#!/usr/bin/env bash
# The one test command (README "Test"): installs what the browser tests need, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# Browser tests drive Debian's Chromium through Playwright's executablePath (browser downloads are not possible); the
# scale-out tests start their own PostgreSQL, Redis and nginx on 127.0.0.1 ports of their own (Support/Servers).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

weight=Interview.Tests/bin/Release/net10.0/page-weight.txt
rm -f "$weight"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Interview.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

if [ -f "$weight" ]; then cat "$weight"; fi
# One plain closing line: "N passed, N failed".
summary=$(grep -E 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed"
fi
exit "$status"
