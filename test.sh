#!/usr/bin/env bash
# The one test command (README "Test"): installs what the tests need, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use, installed only when missing; nothing is started here: the fixtures in
# Interview.Tests/Support/Servers start their own servers on free 127.0.0.1 ports and stop them at the end.
# - chromium: browser tests drive it through Playwright's executablePath (browser downloads are not possible);
# - nginx: the shipped deploy/nginx/interview.conf in front of two site processes;
# - postgresql, redis-server: the cross-provider suites and the scale-out tests.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  # Installing must not start the system's own servers on 80, 5432 and 6379 (Debian's policy-rc.d says "not now").
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
    $sudo_cmd chmod +x "$policy"
  fi
  installed=0
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null; } || installed=$?
  if [ -n "$policy" ]; then $sudo_cmd rm -f "$policy"; fi
  if [ "$installed" != 0 ]; then exit "$installed"; fi
fi

weight=Interview.Tests/bin/Release/net10.0/page-weight.txt
live_weight=Interview.Tests/bin/Release/net10.0/page-weight-live.txt
rm -f "$weight" "$live_weight"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Interview.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

if [ -f "$weight" ]; then cat "$weight"; fi
if [ -f "$live_weight" ]; then cat "$live_weight"; fi
# One plain closing line: "N passed, N failed".
summary=$(grep -E 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed"
fi
exit "$status"
