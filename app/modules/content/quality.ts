// The content gate run by `npm run content:check` (issue 13): what must hold beyond a file that loads.
// Citations (no replaced/expired document cited as in force, register checked within 12 months), course
// review dates, and quiz bank quality (longest-is-correct share, bank size, an explanation per option, no
// "all/none of the above"). Pure: `today` is passed in, so tests fix the date.
import { CITATIONS_FILE, NOT_APPLICABLE, type DocumentStatus } from "./citations";
import type { LoadedContent, LoadedQuestion } from "./load.server";
import type { ContentProblem } from "./schema";

/** A bank fails when more than this share of its single-choice questions have the longest option right. */
export const MAX_LONGEST_CORRECT_SHARE = 0.35;
/** A bank holds at least this many times the questions one attempt draws. */
export const MIN_BANK_TO_DRAW = 2;
/** Register entries and course reviews older than this many months fail. */
export const REVIEW_MONTHS = 12;

export type BankReport = {
  code: string;
  questions: number;
  draw: number;
  singles: number;
  /** Single-choice questions whose correct option is strictly the longest. */
  longestCorrect: number;
  /** longestCorrect / singles (0 when no single-choice question). */
  longestShare: number;
  /** questions / draw. */
  ratio: number;
};

export type RegisterReport = { id: string; number: string; status: DocumentStatus; label: string };

export type QualityReport = { problems: ContentProblem[]; banks: BankReport[]; register: RegisterReport[] };

// "Tất cả các phương án trên", "Cả A và B đều đúng", "Không phương án nào", "all/none of the above".
// JS's \b knows only ASCII letters, so the Vietnamese patterns spell out their spaces instead.
const ALL_OR_NONE = [
  /tất cả (các |những )?(phương án|đáp án|ý|câu)( nêu)? (ở )?(trên|đều)/iu,
  /(cả hai|cả ba|cả bốn|các|những) (phương án|đáp án|ý) (ở |nêu )?(trên|đều đúng)/iu,
  /^(tất cả|cả hai|cả ba|cả bốn) đều (đúng|sai)/iu,
  /^cả [a-f](,| và) [a-f]( |,|$)/iu,
  /không (có )?(phương án|đáp án|ý) nào/iu,
  /\b(all|none|both|neither) of the (above|options)\b/iu,
];

/** Whether an option's text is an "all/none of the above" option. */
export function isAllOrNone(text: string): boolean {
  return ALL_OR_NONE.some((re) => re.test(text.normalize("NFC")));
}

const chars = (s: string) => [...s].length;

/** The correct option of a single-choice question is strictly longer (in characters) than every other. */
export function longestIsCorrect(q: Pick<LoadedQuestion, "type" | "options" | "answer">): boolean {
  if (q.type !== "SINGLE") return false;
  const right = q.answer[0];
  const len = chars(q.options[right] ?? "");
  return q.options.every((o, i) => i === right || chars(o) < len);
}

/** `today` minus `months` months, as YYYY-MM-DD (the day clamped to the month's end). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function bankProblems(code: string, questions: readonly LoadedQuestion[], problems: ContentProblem[]) {
  const file = `${code}/quiz.yaml`;
  questions.forEach((q, i) => {
    if (q.type === "TRUE_FALSE") return;
    // No option explained (plain strings): one problem for the question, not one per option.
    const none = q.options.every((_, j) => !q.whys[j]);
    if (none)
      problems.push({
        file,
        field: `questions[${i}].options`,
        message: `thiếu giải thích cho phương án (mọi phương án; viết options dạng {text, why}) — câu ${q.key}`,
      });
    q.options.forEach((text, j) => {
      if (!none && !q.whys[j])
        problems.push({
          file,
          field: `questions[${i}].options[${j}].why`,
          message: `thiếu giải thích cho phương án (viết options dạng {text, why}) — câu ${q.key}`,
        });
      if (isAllOrNone(text))
        problems.push({
          file,
          field: `questions[${i}].options[${j}].text`,
          message: `không dùng phương án kiểu "tất cả/không phương án nào ở trên" — câu ${q.key}: "${text}"`,
        });
    });
  });
}

/** Every gate problem of loaded content, with the per-bank figures and the register's statuses. */
export function checkQuality(content: LoadedContent, opts: { today: string }): QualityReport {
  const problems: ContentProblem[] = [];
  const oldest = monthsBefore(opts.today, REVIEW_MONTHS);
  const byId = new Map(content.register.map((d) => [d.id, d]));

  content.register.forEach((d, i) => {
    if (d.checkedAt < oldest)
      problems.push({
        file: CITATIONS_FILE,
        field: `documents[${i}].checkedAt`,
        message: `"${d.id}" kiểm tra lần cuối ${d.checkedAt}, quá ${REVIEW_MONTHS} tháng (trước ${oldest}): kiểm tra lại tình trạng hiệu lực`,
      });
  });

  for (const use of content.citeUses) {
    const d = byId.get(use.id);
    if (!d || use.history || !NOT_APPLICABLE.includes(d.status)) continue;
    const instead = d.replacedBy ? `; văn bản thay thế: [[cite:${d.replacedBy}]]` : "";
    problems.push({
      file: use.file,
      field: use.field,
      message:
        `"${use.id}" (${d.number}) có tình trạng ${d.status} nhưng được trích dẫn như văn bản đang áp dụng` +
        ` — nếu nói về quá khứ, dùng [[cite-history:${use.id}]]${instead}`,
    });
  }

  const banks: BankReport[] = [];
  for (const c of content.courses) {
    if (c.reviewedAt < oldest)
      problems.push({
        file: `${c.code}/course.yaml`,
        field: "reviewedAt",
        message: `khóa học rà soát lần cuối ${c.reviewedAt}, quá ${REVIEW_MONTHS} tháng (trước ${oldest})`,
      });

    const singles = c.questions.filter((q) => q.type === "SINGLE");
    const longestCorrect = singles.filter(longestIsCorrect).length;
    const bank: BankReport = {
      code: c.code,
      questions: c.questions.length,
      draw: c.questionCount,
      singles: singles.length,
      longestCorrect,
      longestShare: singles.length ? longestCorrect / singles.length : 0,
      ratio: c.questions.length / c.questionCount,
    };
    banks.push(bank);
    const file = `${c.code}/quiz.yaml`;
    if (bank.longestShare > MAX_LONGEST_CORRECT_SHARE)
      problems.push({
        file,
        field: "questions",
        message:
          `đáp án đúng là phương án dài nhất ở ${longestCorrect}/${singles.length} câu một lựa chọn` +
          ` (${pct(bank.longestShare)} > ${pct(MAX_LONGEST_CORRECT_SHARE)}): viết lại phương án cho đều độ dài`,
      });
    if (c.questions.length < MIN_BANK_TO_DRAW * c.questionCount)
      problems.push({
        file,
        field: "questions",
        message:
          `ngân hàng có ${c.questions.length} câu, cần ít nhất ${MIN_BANK_TO_DRAW * c.questionCount}` +
          ` (${MIN_BANK_TO_DRAW} × quiz.questionCount = ${c.questionCount} trong course.yaml)`,
      });
    bankProblems(c.code, c.questions, problems);
  }

  const register = content.register.map((d) => ({
    id: d.id,
    number: d.number,
    status: d.status,
    label: statusLabel(
      d.status,
      d.replacedBy ? byId.get(d.replacedBy)?.number : undefined,
      d.amendedBy?.map((a) => byId.get(a)?.number ?? a),
    ),
  }));
  return { problems, banks, register };
}

/** The status as learners read it (Vietnamese, content-side; the app's pages use the i18n keys). */
export function statusLabel(status: DocumentStatus, replacedBy?: string, amendedBy?: string[]): string {
  switch (status) {
    case "in-force":
      return "còn hiệu lực";
    case "not-yet-in-force":
      return "chưa có hiệu lực";
    case "amended":
      return `còn hiệu lực, đã được sửa đổi, bổ sung bởi ${(amendedBy ?? []).join(", ")}`;
    case "replaced":
      return `đã được thay thế bởi ${replacedBy ?? "?"}`;
    case "expired":
      return "hết hiệu lực";
  }
}
