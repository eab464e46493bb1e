#!/usr/bin/env bash
# Regenerates the single "Initial" migration of both providers from the current model. Until the first
# production release the schema has one migration per provider; after it, add migrations instead.
# Usage: scripts/regen-migrations.sh   (needs `dotnet tool restore` once)
set -euo pipefail
cd "$(dirname "$0")/.."
hub=src/DataGouvTerr.Hub
dir=Infrastructure/Persistence/Migrations
# Remove the old set first: the build must not contain a migration named Initial any more.
rm -rf "$hub/$dir/Sqlite" "$hub/$dir/Postgres"
dotnet build "$hub" -v q -nologo >/dev/null
add() {
  local out
  if ! out=$(dotnet ef migrations add Initial --no-build --project "$hub" --context "$1HubDbContext" --output-dir "$dir/$1" 2>&1); then
    echo "$out" | grep -v NU1603 >&2
    exit 1
  fi
}
add Sqlite
add Postgres
rm -f "$hub/design-time.db"
echo "Regenerated $dir/{Sqlite,Postgres}/*Initial*"
