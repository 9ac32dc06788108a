import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  certificateForPerson,
  certificatePdf,
  verifyCertificate,
} from "~/modules/learning/certificates.server";
import type { AttemptItem } from "~/modules/learning/grading";
import { startAttempt, submitAttempt } from "~/modules/learning/quiz.server";
import { DomainError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { makeAgency, makePerson } from "../fixtures/factories";
import { answerSheet, makeCourseVersion } from "../fixtures/courses";

let agencyId: string;
beforeAll(async () => {
  agencyId = (await makeAgency({ name: "Sở Thông tin và Truyền thông" })).id;
});

/** A learner who passed a course: returns the person and the certificate code. */
async function passedLearner(fullName = "Nguyễn Thị Ánh Dương", title = "An toàn thông tin cơ bản") {
  const f = await makeCourseVersion({ title, validityMonths: 24, passMark: 80 });
  const person = await makePerson({ agencyId, fullName });
  const { attemptId } = await startAttempt(person.id, f.course.id);
  const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { items: true } });
  await submitAttempt(person.id, attemptId, answerSheet(a.items as unknown as AttemptItem[], f.questions, 9));
  const completion = await db.completion.findUniqueOrThrow({
    where: { attemptId },
    include: { certificate: true },
  });
  return { person, f, completion, code: completion.certificate!.code };
}

describe("verifyCertificate", () => {
  it("finds a certificate by its code, whatever the case and spacing", async () => {
    const { code, completion } = await passedLearner();
    const view = await verifyCertificate(code);
    expect(view).toEqual({
      code,
      fullName: "Nguyễn Thị Ánh Dương",
      agencyName: "Sở Thông tin và Truyền thông",
      courseTitle: "An toàn thông tin cơ bản",
      completedAt: completion.completedAt,
      validUntil: completion.validUntil,
      valid: true,
      score: 90,
    });
    expect(await verifyCertificate(`  ${code.toLowerCase()} `)).toEqual(view);
    expect(await verifyCertificate(`${code.slice(0, 5)}-${code.slice(5)}`)).toEqual(view);
  });

  it("returns null for garbage and unknown codes without throwing", async () => {
    for (const garbage of [
      "",
      "   ",
      "ABCDEFGHJK",
      "ABCDEFGHJKM",
      '\'; DROP TABLE "Certificate"; --',
      "x".repeat(5000),
      "ÁÀẢÃẠĂẮẰẲ",
      "\u0000\u0001",
      null,
      undefined,
      42,
      { code: "X" },
    ])
      expect(await verifyCertificate(garbage)).toBeNull();
  });

  it("reports an expired certificate as not valid", async () => {
    const { code, completion } = await passedLearner();
    await db.completion.update({
      where: { id: completion.id },
      data: { validUntil: new Date(Date.now() - 24 * 3600_000) },
    });
    expect(await verifyCertificate(code)).toMatchObject({ code, valid: false });
    await db.completion.update({ where: { id: completion.id }, data: { validUntil: null } });
    expect(await verifyCertificate(code)).toMatchObject({ code, valid: true, validUntil: null });
  });
});

describe("certificateForPerson", () => {
  it("returns the certificate only to its holder", async () => {
    const { code, person } = await passedLearner();
    const other = await makePerson({ agencyId });
    expect(await certificateForPerson(person.id, code)).toMatchObject({ code });
    expect(await certificateForPerson(other.id, code)).toBeNull();
    expect(await certificateForPerson(person.id, "garbage")).toBeNull();
  });
});

describe("certificatePdf", () => {
  it("renders an A4 landscape PDF with the DejaVu font embedded", async () => {
    const { code } = await passedLearner(
      "Tôn Nữ Hoàng Thị Diễm Phương Quỳnh Nguyễn Đặng Khánh Linh",
      "Kỹ năng nhận diện và phòng chống lừa đảo trực tuyến dành cho cán bộ, công chức, viên chức cấp xã",
    );
    const bytes = await certificatePdf(code, `https://hoc-attt.example.gov.vn/verify/${code}`);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBeGreaterThan(5000);
    const text = Buffer.from(bytes).toString("latin1");
    expect(text.startsWith("%PDF")).toBe(true);
    expect(text).toContain("DejaVuSans");
    expect(text).toContain("DejaVuSans-Bold");
    expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(text).toMatch(/\/Subtype \/Image/); // the QR code
    expect(text).toContain(`https://hoc-attt.example.gov.vn/verify/${code}`); // link annotation
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it("prints dates as dd/mm/yyyy in Vietnam's time zone", () => {
    // The PDF's text is subset-encoded, so the format is checked on the helper it uses.
    expect(formatDate(new Date("2026-03-31T18:30:00Z"))).toBe("01/04/2026");
  });

  it("404s for an unknown code", async () => {
    const error = await certificatePdf("ABCDEFGHJK", "https://x/verify").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(404);
  });
});
