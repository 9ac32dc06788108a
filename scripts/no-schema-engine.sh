#!/bin/sh
# Prisma's native schema engine cannot be downloaded offline; migrations use the WASM engine (scripts/db.ts).
echo "schema-engine binary not available offline; use npm run db:migrate" >&2
exit 1
