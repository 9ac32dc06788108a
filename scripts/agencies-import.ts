// npm run agencies:import -- <file.json> [--prefix <prefix>]
// Imports an agency tree (format of prisma/data/agencies/) into DATABASE_URL or the embedded PGlite.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb } from "../app/db.server.ts";
import { importAgencyTree } from "../app/modules/agencies/import-json.server.ts";
import { DomainError } from "../app/utils/errors.ts";

const USAGE = "Cách dùng: npm run agencies:import -- <tệp.json> [--prefix <tiền tố mã>]";

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { prefix: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file] = args.positionals;
  if (args.values.help || !file || args.positionals.length > 1) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
  }

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.resolve(file), "utf8"));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(
      err.code === "ENOENT"
        ? `Không tìm thấy tệp ${file}.`
        : `Không đọc được ${file} dưới dạng JSON: ${err.message}`,
    );
    return 1;
  }

  const started = Date.now();
  try {
    const r = await importAgencyTree(json, { actorUserId: null, prefix: args.values.prefix });
    console.log(
      `Đã nhập ${file}: ${r.created} đơn vị mới, ${r.updated} cập nhật, ${r.unchanged} không đổi` +
        (r.retired.length ? `, ${r.retired.length} mã cũ giữ nguyên (${r.retired.join(", ")})` : "") +
        ` (${Date.now() - started} ms).`,
    );
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
