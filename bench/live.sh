#!/usr/bin/env bash
# The live-room benchmark (README "Benchmark"): builds the load generator and the server in Release, starts the server
# with a throw-away data folder, joins viewers on the public event stream (SSE; --transport signalr: the hub),
# publishes through the staff API and prints the figures.
#   bash bench/live.sh                                   # memory at 18000 viewers, then latency at 2000 viewers, 300 entries
#                                                        # at 10/s against the site and the bare SSE reference (p99 ratio)
#   bash bench/live.sh --scenario restart                # 2000 viewers, kill -9 of the server, started again on its data
#   bash bench/live.sh --reference --scenario memory     # what a connection costs the bare SSE reference
#   bash bench/live.sh --transport signalr               # the hub: memory at 5000 viewers, latency at 2000, 60 entries at 2/s
#   bash bench/live.sh --scenario latency --viewers 100  # a quick check
#   bash bench/live.sh --instances 2 --scenario latency  # two instances on PostgreSQL and Redis, viewers split over them
#   bash bench/live.sh --instances 2 --scenario failover # viewers through nginx, kill -9 of their instance
#   bash bench/live.sh --help                            # every option
# Exit code: 0 all targets met, 1 a target missed, 2 the run did not complete.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every viewer is an open socket in the load generator and in the server (which inherits this limit).
# The soft limit up to the hard one (20,000 on the reference box: the most one server can hold).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 18600 ]; then
  echo "warning: open-file limit is $(ulimit -n); 18000 viewers need about 18600 (raise the hard limit: ulimit -Hn)" >&2
fi

if ! out=$(dotnet build bench/Interview.Bench/Interview.Bench.csproj -c Release -nologo -v quiet 2>&1); then
  echo "$out" >&2
  exit 2
fi
exec dotnet bench/Interview.Bench/bin/Release/net10.0/Interview.Bench.dll "$@"
