// npm run db:move -- postgresql://user:password@host:5432/database
// Copies the embedded database (PGLITE_DIR, default ./data/pglite) into an empty PostgreSQL database, then
// prints each table's row count and checksum on both sides. Exit 0 only when every table matches.
import path from "node:path";
import { DatabaseLockedError } from "../app/db-lock.server.ts";
import { MoveError, formatReport, moveDatabase, parseTargetUrl } from "./lib/db-move.ts";
import { ROOT } from "./lib/schema-engine.ts";

function fail(error: unknown): never {
  if (error instanceof MoveError || error instanceof DatabaseLockedError) console.error(error.message);
  else console.error("db:move thất bại, cơ sở dữ liệu đích không có dòng nào được ghi:", error);
  process.exit(error instanceof MoveError ? error.exitCode : 1);
}

try {
  const target = parseTargetUrl(process.argv[2]);
  const sourceDir = path.resolve(ROOT, process.env.PGLITE_DIR ?? "data/pglite");
  const rel = path.relative(process.cwd(), sourceDir);
  console.log(`› Nguồn: cơ sở dữ liệu nhúng ${rel && !rel.startsWith("..") ? rel : sourceDir}`);
  const report = await moveDatabase({ sourceDir, target });
  console.log(`\n${formatReport(report)}`);
  // PGlite's close() resets process.exitCode: exit explicitly, after it.
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  fail(error);
}
