// Issue 10, defects 2 and 12, through the real actions: a body that is not a form answers 415/400 with a
// message in the user's language; free text is stored NFC and refuses NUL, control characters and bad
// encoding with an error next to the field; numbers are plain decimal digits; quotas fit the capacity.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { translate } from "~/i18n";
import * as assignmentsNew from "~/routes/assignments.new";
import * as coursePage from "~/routes/courses.$code._index";
import * as offeringsNew from "~/routes/offerings.new";
import * as peopleImport from "~/routes/people.import";
import * as peopleList from "~/routes/people._index";
import * as peopleNew from "~/routes/people.new";
import * as plansNew from "~/routes/targets.plans.new";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, get, post, upload } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let courseCode: string;
let courseId: string;

beforeAll(async () => {
  w = await buildWorld();
  const fx = await makeCourseVersion();
  courseCode = fx.course.code;
  courseId = fx.course.id;
});

/** Field errors, from either reply shape: { errors: {field: message} } or conform's { error: {field: [message]} }. */
const errorsOf = (res: { data: unknown }): Record<string, string> => {
  type Reply = { error?: Record<string, string[] | null> };
  const d = res.data as { errors?: Record<string, string>; result?: Reply } & Reply;
  if (d.errors) return d.errors;
  // A conform reply: `{ error }` itself, or wrapped in `{ result }` by pages that return more than the reply.
  const error = d.result?.error ?? d.error ?? {};
  return Object.fromEntries(Object.entries(error).map(([k, v]) => [k, v?.[0] ?? ""]));
};

/** The thrown `data({ message }, { status })` of an action, as the error page would get it. */
async function thrown(fn: typeof coursePage.action, request: Request, params: Record<string, string>) {
  try {
    await fn({ request, params, context: {} });
  } catch (e) {
    const d = e as { type?: string; data?: { message?: string }; init?: { status?: number } };
    if (d?.type === "DataWithResponseInit") return { status: d.init?.status, message: d.data?.message };
    throw e;
  }
  throw new Error("the action did not refuse the request");
}

/** Coordinator A's preview of a new assignment of the course with these fields. */
const previewAssignment = (fields: Record<string, string>) =>
  call(
    assignmentsNew.action,
    post("/assignments/new", w.coordA.cookie, { intent: "preview", courseId, ...fields }),
  );

describe("a POST that is not a form (defect 2)", () => {
  const url = () => `http://localhost/courses/${courseCode}`;
  const send = (headers: Record<string, string>, body?: BodyInit) =>
    new Request(url(), { method: "POST", headers: { cookie: w.learner.cookie, ...headers }, body });

  it("answers 415 with a Vietnamese message for no body, JSON or text", async () => {
    for (const req of [
      send({}),
      send({ "content-type": "application/json" }, JSON.stringify({ intent: "renew" })),
      send({ "content-type": "text/plain" }, "intent=renew"),
    ]) {
      const res = await thrown(coursePage.action, req, { code: courseCode });
      expect(res.status).toBe(415);
      expect(res.message).toMatch(/biểu mẫu/);
    }
  });

  it("answers 400 for a multipart body cut short, in English when the locale is en", async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nren';
    const res = await thrown(
      coursePage.action,
      send(
        { "content-type": "multipart/form-data; boundary=b", cookie: `${w.learner.cookie}; hoc_lang=en` },
        body,
      ),
      { code: courseCode },
    );
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/could not be read/);
  });

  it("keeps the upload routes' own 413 for a file over the limit", async () => {
    const big = "Họ và tên,Email\n" + "x".repeat(6 * 1024 * 1024);
    const res = await call(peopleImport.action, upload("/people/import", w.coordA.cookie, "big.csv", big));
    expect(res.status).toBe(413);
  });
});

const personFields = (fullName: string, email: string, extra: Record<string, string> = {}) => ({
  fullName,
  email,
  agencyId: w.a.id,
  staffCategory: "CONG_CHUC",
  position: "Chuyên viên",
  itRole: "NONE",
  tags: "",
  ...extra,
});

describe("free text (defect 12)", () => {
  it("refuses a NUL in a person's name, position or tags next to the field, and stores nothing", async () => {
    const before = await db.person.count();
    for (const [field, fields] of [
      ["fullName", personFields("Nguyễn\u0000Văn A", "nul1@a.vn")],
      ["position", personFields("Nguyễn Văn A", "nul2@a.vn", { position: "Chuyên\u0000viên" })],
      ["tags", personFields("Nguyễn Văn A", "nul3@a.vn", { tags: "an-toan, so\u0000hoa" })],
    ] as const) {
      const res = await call(peopleNew.action, post("/people/new", w.coordA.cookie, fields));
      expect(res.status).toBe(400);
      expect(errorsOf(res)[field]).toMatch(/ký tự điều khiển/);
    }
    expect(await db.person.count()).toBe(before);
  });

  it("refuses C1 controls, DEL and bytes that were not UTF-8 in a plan's number and title", async () => {
    const plan = (documentNumber: string, title: string) => ({
      documentNumber,
      title,
      issuer: "UBND tỉnh",
      year: "2026",
      period: "",
      agencyId: w.province.id,
      startsAt: "01/01/2026",
    });
    const cases: [Record<string, string>, string, RegExp][] = [
      [plan("01/KH\u0000", "Kế hoạch"), "documentNumber", /ký tự điều khiển/],
      [plan("01/KH", "Kế hoạch\u0085"), "title", /ký tự điều khiển/],
      [plan("01/KH", "Kế hoạch\u007f"), "title", /ký tự điều khiển/],
      [plan("01/KH", "Kế ho\ufffdch"), "title", /lỗi mã hóa/],
    ];
    for (const [fields, field, message] of cases) {
      const res = await call(plansNew.action, post("/targets/plans/new", w.reviewer.cookie, fields));
      expect(res.status, field).toBe(400);
      expect(errorsOf(res)[field]).toMatch(message);
    }
    expect(await db.trainingPlan.count()).toBe(0);
  });

  it("drops zero-width characters (a title of only those is empty) and stores titles NFC", async () => {
    const offering = (title: string, extra: Record<string, string> = {}) =>
      post("/offerings/new", w.coordA.cookie, {
        kind: "CLASS",
        title,
        description: "Dòng 1\r\nDòng 2",
        organiserAgencyId: w.a.id,
        capacity: "20",
        attendanceThreshold: "80",
        "sessions[0].startsAt": "2027-03-01T08:00",
        "sessions[0].endsAt": "2027-03-01T11:00",
        "sessions[0].venue": "Hội trường",
        ...extra,
      });
    const empty = await call(offeringsNew.action, offering("\u200b\u200b"));
    expect(empty.status).toBe(400);
    expect(Object.keys(errorsOf(empty))).toEqual(["title"]);
    expect(await db.classOffering.count()).toBe(0);

    const nfd = "Lớp bồi dưỡng\u200b".normalize("NFD");
    const ok = await call(offeringsNew.action, offering(nfd));
    expect(ok.status).toBe(302);
    const stored = await db.classOffering.findFirstOrThrow();
    expect(stored.title).toBe("Lớp bồi dưỡng".normalize("NFC"));
    expect(stored.description).toBe("Dòng 1\nDòng 2");
  });

  it("reads capacity and quotas as plain decimal digits, and quotas may not exceed the capacity", async () => {
    const offering = (extra: Record<string, string>) =>
      post("/offerings/new", w.coordA.cookie, {
        kind: "CLASS",
        title: "Lớp có chỉ tiêu",
        organiserAgencyId: w.a.id,
        capacity: "20",
        "sessions[0].startsAt": "2027-04-01T08:00",
        "sessions[0].endsAt": "2027-04-01T11:00",
        "sessions[0].venue": "Hội trường",
        ...extra,
      });
    const before = await db.classOffering.count();
    for (const capacity of ["0x10", "1e3", "1.5", " "]) {
      const res = await call(offeringsNew.action, offering({ capacity }));
      expect(res.status, capacity).toBe(400);
      expect(Object.keys(errorsOf(res)), capacity).toEqual(["capacity"]);
    }
    const hexQuota = await call(
      offeringsNew.action,
      offering({ "quotas[0].agencyId": w.a1.id, "quotas[0].seats": "0x5" }),
    );
    expect(hexQuota.status).toBe(400);
    expect(Object.keys(errorsOf(hexQuota))).toEqual(["quotas[0].seats"]);
    const over = await call(
      offeringsNew.action,
      offering({ capacity: "5", "quotas[0].agencyId": w.a1.id, "quotas[0].seats": "6" }),
    );
    expect(over.status).toBe(400);
    expect(errorsOf(over).quotas).toMatch(/vượt quá số chỗ/);
    expect(await db.classOffering.count()).toBe(before);
  });

  it("reads an assignment's number of days as decimal digits (0x10 is not 16)", async () => {
    const res = await previewAssignment({ agencyId: w.a.id, dueDays: "0x10" });
    expect(res.status).toBe(400);
    expect(errorsOf(res).dueDays).toBe(translate("vi", "asg.err.dueDays"));
  });

  it("reports a NUL in an assignment's emails next to the field instead of a database error", async () => {
    const res = await previewAssignment({ emails: "an@a.vn, x\u0000@a.vn", dueDays: "30" });
    expect(res.status).toBe(400);
    // Refused by the shared text rule before any lookup: the control character, next to the field.
    expect(errorsOf(res).emails).toBe(translate("vi", "text.control"));
  });

  it("refuses control characters in an imported spreadsheet's cells with the row and column", async () => {
    // A CSV with control bytes is refused whole as binary; an XLSX carries them inside its cells.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Cán bộ");
    sheet.addRow(["Họ và tên", "Email", "Mã đơn vị", "Đối tượng"]);
    sheet.addRow(["Nguyễn Văn\u0085 Nhập", "nhap@a.vn", "A", "Công chức"]);
    sheet.addRow(["Lê Thị Hai", "hai@a.vn", "A", "Công\u009bchức"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const res = await call(peopleImport.action, upload("/people/import", w.coordA.cookie, "ds.xlsx", bytes));
    expect(res.status).toBe(400);
    const { summary } = (res.data as { preview: { summary: { errors: unknown[] } } }).preview;
    expect(summary.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: "Họ và tên",
        message: expect.stringMatching(/ký tự điều khiển/),
      }),
      expect.objectContaining({
        line: 3,
        column: "Đối tượng",
        message: expect.stringMatching(/ký tự điều khiển/),
      }),
    ]);
  });

  it("a NUL in a list's search box is not a database error", async () => {
    const res = await call(peopleList.loader, get("/people?q=an%00b&page=0x10", w.coordA.cookie));
    expect(res.status).toBe(200);
  });
});
