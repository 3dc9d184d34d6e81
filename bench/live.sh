#!/usr/bin/env bash
# The live-room benchmark (README "Benchmark"): builds the load generator and the server in Release, starts the server
# with a throw-away data folder, joins viewers over SignalR, publishes through the staff API and prints the figures.
#   bash bench/live.sh                                   # memory at 5000 viewers, then latency at 2000 viewers, 60 entries at 2/s
#   bash bench/live.sh --scenario latency --viewers 100  # a quick check
#   bash bench/live.sh --instances 2 --scenario latency  # two instances on PostgreSQL and Redis, viewers split over them
#   bash bench/live.sh --instances 2 --scenario failover # viewers through nginx, kill -9 of their instance
#   bash bench/live.sh --help                            # every option
# Exit code: 0 all targets met, 1 a target missed, 2 the run did not complete.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every viewer is an open socket in the load generator and in the server (which inherits this limit).
ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 6000 ]; then
  echo "warning: open-file limit is $(ulimit -n); 5000 viewers need about 5500 (raise the hard limit: ulimit -Hn)" >&2
fi

if ! out=$(dotnet build bench/Interview.Bench/Interview.Bench.csproj -c Release -nologo -v quiet 2>&1); then
  echo "$out" >&2
  exit 2
fi
exec dotnet bench/Interview.Bench/bin/Release/net10.0/Interview.Bench.dll "$@"
