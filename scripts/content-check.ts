// Checks the content folder (default content/, or the path given) and prints every problem.
// Usage: npm run content:check [-- path/to/content]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb } from "../app/db.server.ts";
import { loadContent } from "../app/modules/content/load.server.ts";
import { formatProblem } from "../app/modules/content/schema.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.resolve(process.argv[2] ?? path.join(root, "content"));

try {
  const { courses, problems } = await loadContent(dir);
  if (problems.length) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`\n${problems.length} lỗi trong ${dir}. Chưa đồng bộ được.`);
    process.exitCode = 1;
  } else {
    for (const c of courses) {
      console.log(`${c.code}: ${c.lessons.length} bài học, ${c.questions.length} câu hỏi — ${c.title}`);
    }
    const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
    const questions = courses.reduce((n, c) => n + c.questions.length, 0);
    console.log(`\nHợp lệ: ${courses.length} khóa học, ${lessons} bài học, ${questions} câu hỏi (${dir}).`);
  }
} finally {
  await closeDb();
}
