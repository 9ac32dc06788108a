// English mode is English end to end: a domain error, a zod field error, a 404 page's message and the page
// title follow the reader's language cookie, and Vietnamese stays the default.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as importAction } from "~/routes/people.import";
import { action as completionsImportAction } from "~/routes/targets.completions.import";
import { action as newPersonAction, meta as newPersonMeta } from "~/routes/people.new";
import { loader as planLoader } from "~/routes/targets.plans.$planId";
import { LANG_COOKIE } from "~/utils/i18n.server";
import { buildWorld, call, get, post, upload } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;

beforeAll(async () => {
  w = await buildWorld();
});

const inEnglish = (cookie: string) => `${cookie}; ${LANG_COOKIE}=en`;
/** Field errors from a conform reply ({ error: { field: [message] } }), one message per field. */
const errorsOf = (d: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((d as { error?: Record<string, string[] | null> }).error ?? {}).map(([k, v]) => [
      k,
      v?.[0] ?? "",
    ]),
  );

function personFields(overrides: Record<string, string> = {}) {
  return {
    fullName: "Phạm Thị Dung",
    email: "dung@a.vn",
    agencyId: w.a.id,
    staffCategory: "CONG_CHUC",
    position: "",
    itRole: "NONE",
    tags: "",
    ...overrides,
  };
}

describe("messages in the reader's locale", () => {
  it("a zod field error is English with the en cookie and Vietnamese without it", async () => {
    const fields = personFields({ fullName: "", email: "not-an-email" });
    const en = await call(newPersonAction, post("/people/new", inEnglish(w.coordA.cookie), fields));
    expect(en.status).toBe(400);
    expect(errorsOf(en.data)).toMatchObject({
      fullName: "Please enter the full name.",
      email: "The email address is not valid.",
    });

    const vi = await call(newPersonAction, post("/people/new", w.coordA.cookie, fields));
    expect(errorsOf(vi.data)).toMatchObject({
      fullName: "Vui lòng nhập họ và tên.",
      email: "Email không hợp lệ.",
    });
  });

  it("a limit in a zod message is filled in from the schema", async () => {
    const fields = personFields({ fullName: "A".repeat(151) });
    const en = await call(newPersonAction, post("/people/new", inEnglish(w.coordA.cookie), fields));
    expect(errorsOf(en.data).fullName).toBe("The full name may have at most 150 characters.");
  });

  it("a domain error from the service is English with the en cookie", async () => {
    // An's email is taken: the service refuses with the people.emailTaken key.
    const fields = personFields({ email: w.personA.email });
    const en = await call(newPersonAction, post("/people/new", inEnglish(w.coordA.cookie), fields));
    expect(en.status).toBe(400);
    expect(errorsOf(en.data).email).toBe("This email address is already used by another person.");

    const vi = await call(newPersonAction, post("/people/new", w.coordA.cookie, fields));
    expect(errorsOf(vi.data).email).toBe("Email này đã được dùng cho một cán bộ khác.");
  });

  it("a 404 carries its message key, so the error page shows it in the reader's locale", async () => {
    const res = await call(planLoader, get("/targets/plans/nope", inEnglish(w.reviewer.cookie)), {
      planId: "nope",
    });
    expect(res.status).toBe(404);
    expect(res.data).toMatchObject({
      messageKey: "targets.planNotFound",
      message: "Không tìm thấy kế hoạch.",
    });
  });
});

describe("import problems in the uploader's locale", () => {
  function withCookie(request: Request, cookie: string) {
    const headers = new Headers(request.headers);
    headers.set("cookie", cookie);
    return new Request(request, { headers });
  }

  it("a row problem and a file problem are English with the en cookie", async () => {
    const csv = "Họ và tên,Email,Mã đơn vị,Đối tượng\r\nPhạm Thị Dung,sai-email,A,Công chức\r\n";
    const en = await call(
      importAction,
      withCookie(upload("/people/import", "", "ds.csv", csv), inEnglish(w.coordA.cookie)),
    );
    const preview = (en.data as { preview: { summary: { errors: { message: string }[] } } }).preview;
    expect(preview.summary.errors.map((e) => e.message)).toEqual(['The email "sai-email" is not valid.']);

    const xls = await call(
      importAction,
      withCookie(upload("/people/import", "", "ds.xls", "x"), inEnglish(w.coordA.cookie)),
    );
    // A file the import refuses as a whole is the file field's error (conform's reply).
    expect((xls.data as { error: { file: string[] } }).error.file[0]).toMatch(
      /^\.xls files \(Excel 97–2003\) are not supported/,
    );

    const vi = await call(
      importAction,
      withCookie(upload("/people/import", "", "ds.csv", csv), w.coordA.cookie),
    );
    const viPreview = (vi.data as { preview: { summary: { errors: { message: string }[] } } }).preview;
    expect(viPreview.summary.errors.map((e) => e.message)).toEqual(['Email "sai-email" không hợp lệ.']);
  });
});

describe("completions import problems", () => {
  it("are English with the en cookie", async () => {
    const csv = "Email,Chủ đề,Ngày hoàn thành,Số chứng nhận\r\nan@a.vn,attt-co-ban,31/02/2026,GCN-1\r\n";
    const request = upload("/targets/completions/import", inEnglish(w.coordA.cookie), "kq.csv", csv);
    const res = await call(completionsImportAction, request);
    const preview = (res.data as { preview: { errors: { message: string }[] } }).preview;
    expect(preview.errors.map((e) => e.message)).toContain("The completion date must be written dd/mm/yyyy.");
  });
});

describe("page titles", () => {
  async function titleWith(cookie: string) {
    const root = await call(rootLoader, get("/people/new", cookie));
    const matches = [{ id: "root", data: root.data }];
    const tags = newPersonMeta({ matches } as unknown as Parameters<typeof newPersonMeta>[0]);
    return (tags as { title?: string }[]).find((t) => t.title)?.title;
  }

  it("follow the language chosen", async () => {
    expect(await titleWith(inEnglish(w.coordA.cookie))).toBe("Add staff member — Học ATTT");
    expect(await titleWith(w.coordA.cookie)).toBe("Thêm cán bộ — Học ATTT");
  });
});
