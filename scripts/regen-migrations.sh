#!/usr/bin/env bash
# Regenerates the single "Initial" migration of both providers from the current model. Until the first
# production release the schema has one migration per provider; after it, add migrations instead.
# Usage: scripts/regen-migrations.sh   (needs `dotnet tool restore` once)
set -euo pipefail
cd "$(dirname "$0")/.."
hub=src/DataGouvTerr.Hub
dir=Infrastructure/Persistence/Migrations
dotnet build "$hub" -v q -nologo >/dev/null
rm -rf "$hub/$dir/Sqlite" "$hub/$dir/Postgres"
dotnet ef migrations add Initial --no-build --project "$hub" --context SqliteHubDbContext --output-dir "$dir/Sqlite" --namespace DataGouvTerr.Hub.Infrastructure.Persistence.Migrations.Sqlite >/dev/null
dotnet ef migrations add Initial --no-build --project "$hub" --context PostgresHubDbContext --output-dir "$dir/Postgres" --namespace DataGouvTerr.Hub.Infrastructure.Persistence.Migrations.Postgres >/dev/null
rm -f "$hub/design-time.db"
echo "Regenerated $dir/{Sqlite,Postgres}/*Initial*"
