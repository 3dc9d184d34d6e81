#!/usr/bin/env bash
# The question-intake benchmark (README "Benchmark", issue 5): builds the load generator and the server in Release,
# starts the server with a throw-away data folder, opens the moderation console in headless Chromium, and has
# citizens (one loopback address each) submit questions at a fixed rate.
#   bash bench/questions.sh                       # 200 questions/s for 60 s with the console open (the target)
#   bash bench/questions.sh --qps 50 --seconds 10 # a quick check
#   bash bench/questions.sh --no-console          # without the browser
#   bash bench/questions.sh --provider postgres   # the site on a PostgreSQL the benchmark starts
# Exit code: 0 all targets met, 1 a target missed, 2 the run did not complete.
set -euo pipefail
cd "$(dirname "$0")/.."

ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if ! command -v chromium >/dev/null 2>&1 && [[ " $* " != *" --no-console "* ]]; then
  echo "Installing Debian's chromium for the moderation console..."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

if ! out=$(dotnet build bench/Interview.Bench/Interview.Bench.csproj -c Release -nologo -v quiet 2>&1); then
  echo "$out" >&2
  exit 2
fi
exec dotnet bench/Interview.Bench/bin/Release/net10.0/Interview.Bench.dll --scenario questions "$@"
