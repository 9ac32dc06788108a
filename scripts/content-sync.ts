// Writes the content folder (default content/, or the path given) to the database in one transaction.
// Usage: npm run content:sync [-- path/to/content]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb } from "../app/db.server.ts";
import { syncContent } from "../app/modules/content/sync.server.ts";
import { formatProblem } from "../app/modules/content/schema.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.resolve(process.argv[2] ?? path.join(root, "content"));

try {
  const r = await syncContent(dir, { actorUserId: null });
  if (!r.ok) {
    for (const p of r.problems) console.error(formatProblem(p));
    console.error(`\n${r.problems.length} lỗi trong ${dir}. Không ghi gì vào cơ sở dữ liệu.`);
    process.exitCode = 1;
  } else {
    const line = (label: string, codes: string[]) =>
      codes.length && console.log(`${label}: ${codes.join(", ")}`);
    line("Khóa học mới", r.created);
    line("Phiên bản mới", r.newVersions);
    line("Không đổi", r.unchanged);
    line("Ngừng hoạt động (không còn trong thư mục)", r.deactivated);
    line("Hoạt động lại", r.reactivated);
    if (r.phishing) {
      line("Mẫu diễn tập mới", r.phishing.created);
      line("Mẫu diễn tập: phiên bản mới", r.phishing.newVersions);
      line("Mẫu diễn tập không đổi", r.phishing.unchanged);
      line("Mẫu diễn tập ngừng dùng", r.phishing.deactivated);
      line("Mẫu diễn tập dùng lại", r.phishing.reactivated);
    }
    console.log(`Đã đồng bộ ${dir}.`);
  }
} finally {
  await closeDb();
}
