#!/usr/bin/env bash
# The search benchmark (README "Benchmark"): builds the generator in Release, fills a throw-away database with a
# million entries of generated Chinese interview text, rebuilds the search index with the site's own code, times a
# query mix and prints PASS/FAIL per target. The folder is deleted at the end unless --keep FOLDER is given.
#   bash bench/search.sh                       # 1,000,000 entries (about 1.7 GB on disk while it runs)
#   bash bench/search.sh --entries 100000      # a quick check
#   bash bench/search.sh --provider postgres --connection 'Host=127.0.0.1;Port=5433;Username=me;Database=postgres'
#                                              # on PostgreSQL: a database is made there and dropped at the end
# Exit code: 0 all targets met, 1 a target missed, 2 the run did not complete.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! out=$(dotnet build bench/Interview.Bench.Search/Interview.Bench.Search.csproj -c Release -nologo -v quiet 2>&1); then
  echo "$out" >&2
  exit 2
fi
exec dotnet bench/Interview.Bench.Search/bin/Release/net10.0/Interview.Bench.Search.dll "$@"
