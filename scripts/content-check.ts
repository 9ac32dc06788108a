// Checks the content folder (default content/, or the path given): every problem that stops a sync, then
// the quality gate (citations, review dates, quiz banks). Prints per bank its figures and the register.
// Usage: npm run content:check [-- path/to/content] [--today=YYYY-MM-DD]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb } from "../app/db.server.ts";
import { loadContent } from "../app/modules/content/load.server.ts";
import { checkQuality } from "../app/modules/content/quality.ts";
import { formatProblem, isIsoDay } from "../app/modules/content/schema.ts";
import { loadPhishingTemplates } from "../app/modules/phishing/template-load.server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const todayArg = args.find((a) => a.startsWith("--today="))?.slice("--today=".length);
const dirArg = args.find((a) => !a.startsWith("--"));
const dir = path.resolve(dirArg ?? path.join(root, "content"));
const today = todayArg ?? new Date().toISOString().slice(0, 10);
if (!isIsoDay(today)) {
  console.error(`--today phải là ngày dạng YYYY-MM-DD (nhận được "${todayArg}")`);
  process.exit(2);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

try {
  const content = await loadContent(dir);
  const { courses } = content;
  const quality = checkQuality(content, { today });
  const drills = await loadPhishingTemplates(dir);

  for (const c of courses) {
    console.log(`${c.code}: ${c.lessons.length} bài học, ${c.questions.length} câu hỏi — ${c.title}`);
  }
  if (quality.banks.length) {
    console.log(
      "\nNgân hàng câu hỏi (câu | rút mỗi lần | đáp án đúng là phương án dài nhất | ngân hàng/số câu rút):",
    );
    for (const b of quality.banks) {
      console.log(
        `  ${b.code}: ${b.questions} câu | rút ${b.draw} | dài nhất đúng ${b.longestCorrect}/${b.singles} = ${pct(b.longestShare)} | ${b.ratio.toFixed(1)} ×`,
      );
    }
  }
  if (quality.register.length) {
    console.log(`\nDanh mục văn bản (${quality.register.length}):`);
    for (const d of quality.register) console.log(`  ${d.id} — ${d.number}: ${d.label}`);
  }

  if (drills.templates.length) {
    console.log(`\nMẫu thư diễn tập (${drills.templates.length}):`);
    for (const t of drills.templates)
      console.log(`  ${t.code}: độ khó ${t.difficulty}, ${t.redFlags.length} dấu hiệu — ${t.title}`);
  }

  const problems = [...content.problems, ...drills.problems, ...quality.problems];
  if (problems.length) {
    console.error("");
    for (const p of problems) console.error(formatProblem(p));
    console.error(
      `\n${problems.length} lỗi trong ${dir} (${content.problems.length + drills.problems.length} chặn đồng bộ, ${quality.problems.length} về chất lượng; ngày kiểm tra ${today}).`,
    );
    process.exitCode = 1;
  } else {
    const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
    const questions = courses.reduce((n, c) => n + c.questions.length, 0);
    console.log(
      `\nHợp lệ: ${courses.length} khóa học, ${lessons} bài học, ${questions} câu hỏi, ${drills.templates.length} mẫu thư diễn tập (${dir}).`,
    );
  }
} finally {
  await closeDb();
}
