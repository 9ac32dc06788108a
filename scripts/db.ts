// npm run db:migrate | db:status | db:migration:create -- <name>
// Target: DATABASE_URL (PostgreSQL) if set, else the embedded PGlite in PGLITE_DIR (default ./data/pglite).
import { DatabaseLockedError } from "../app/db-lock.server.ts";
import { applyMigrations, createMigration, migrationStatus, targetFromEnv } from "./lib/schema-engine.ts";

// The embedded database is in use by another process: say so in one paragraph, without a stack trace.
process.on("uncaughtException", (error) => {
  console.error(error instanceof DatabaseLockedError ? error.message : error);
  process.exit(1);
});

const [command, name] = process.argv.slice(2);
const target = targetFromEnv();
const where =
  "url" in target ? "PostgreSQL" : "pgliteDir" in target ? `PGlite ${target.pgliteDir}` : "PGlite";

if (command === "migrate") {
  const applied = await applyMigrations(target);
  console.log(
    applied.length
      ? `Đã áp dụng ${applied.length} migration vào ${where}: ${applied.join(", ")}`
      : `${where}: cơ sở dữ liệu đã ở phiên bản mới nhất.`,
  );
} else if (command === "status") {
  const s = await migrationStatus(target);
  console.log(JSON.stringify({ target: where, ...s }, null, 2));
  if (s.history || s.failedMigrationNames.length || s.editedMigrationNames.length) process.exitCode = 1;
} else if (command === "create") {
  if (!name) {
    console.error("Cách dùng: npm run db:migration:create -- <tên>");
    process.exit(2);
  }
  const dir = await createMigration(name);
  console.log(dir ? `Đã tạo ${dir}` : "Schema không thay đổi: không tạo migration.");
} else {
  console.error("Cách dùng: tsx scripts/db.ts migrate|status|create <tên>");
  process.exit(2);
}
