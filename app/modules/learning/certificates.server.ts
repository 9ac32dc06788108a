// Certificates (chứng nhận): public verification by code and the A4 PDF with a QR code to that page.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { normalizeVerificationCode } from "./grading";

export type CertificateView = {
  code: string;
  fullName: string;
  agencyName: string;
  courseTitle: string;
  completedAt: Date;
  validUntil: Date | null;
  /** Still valid: no expiry, or the expiry is in the future. */
  valid: boolean;
  score: number | null;
};

const viewSelect = {
  code: true,
  completion: {
    select: {
      personId: true,
      completedAt: true,
      validUntil: true,
      score: true,
      person: { select: { fullName: true, agency: { select: { name: true } } } },
      // The title as it was when the course was completed, else the course's current one.
      version: { select: { title: true } },
      course: { select: { title: true } },
    },
  },
} as const;

async function findCertificate(code: unknown): Promise<(CertificateView & { personId: string }) | null> {
  const normalized = normalizeVerificationCode(code);
  if (!normalized) return null;
  const cert = await db.certificate.findUnique({ where: { code: normalized }, select: viewSelect });
  if (!cert) return null;
  const c = cert.completion;
  return {
    code: cert.code,
    personId: c.personId,
    fullName: c.person.fullName,
    agencyName: c.person.agency.name,
    courseTitle: c.version?.title ?? c.course?.title ?? "",
    completedAt: c.completedAt,
    validUntil: c.validUntil,
    valid: c.validUntil === null || c.validUntil.getTime() > Date.now(),
    score: c.score,
  };
}

/** Public check of a code as typed (any case, spaces or dashes); null for unknown codes and garbage. */
export async function verifyCertificate(code: unknown): Promise<CertificateView | null> {
  const found = await findCertificate(code);
  if (!found) return null;
  const { personId: _personId, ...view } = found;
  return view;
}

/** The certificate only if it is this person's own (the download route); null otherwise. */
export async function certificateForPerson(personId: string, code: unknown): Promise<CertificateView | null> {
  const found = await findCertificate(code);
  if (!found || found.personId !== personId) return null;
  const { personId: _personId, ...view } = found;
  return view;
}

// ---------------------------------------------------------------------------------------------------
// PDF

const FONT_FILES = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf" } as const;

/** The bundled fonts: from the project root (server and tests run there), else next to this module. */
function fontPath(file: string): string {
  const fromRoot = path.resolve(process.cwd(), "app/assets/fonts", file);
  if (existsSync(fromRoot)) return fromRoot;
  const fromModule = fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));
  if (existsSync(fromModule)) return fromModule;
  throw new Error(`Font ${file} not found under app/assets/fonts`);
}

const RED = "#9b1c1c";
const INK = "#1f2937";
const MUTED = "#4b5563";

/** Writes one centred line, shrinking the size (down to `min`) until it fits; wraps only if it still does not. */
function fitted(
  doc: PDFKit.PDFDocument,
  text: string,
  y: number,
  opts: { font: string; size: number; min: number; color: string; x: number; width: number },
): number {
  doc.font(opts.font).fillColor(opts.color);
  let size = opts.size;
  while (size > opts.min && doc.fontSize(size).widthOfString(text) > opts.width) size -= 1;
  doc.fontSize(size);
  doc.text(text, opts.x, y, { width: opts.width, align: "center" });
  return doc.y;
}

/** A4 landscape certificate with Vietnamese text (embedded DejaVu Sans) and a QR code of `verifyUrl`. */
export async function certificatePdf(code: string, verifyUrl: string): Promise<Uint8Array> {
  const cert = await verifyCertificate(code);
  if (!cert) throw new DomainError("learning.certificateNotFound", { status: 404 });
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: "M", margin: 1, width: 360 });

  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: {
      Title: `Giấy chứng nhận ${cert.code}`,
      Author: "Học ATTT",
      Subject: cert.courseTitle,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  doc.registerFont("Regular", fontPath(FONT_FILES.regular));
  doc.registerFont("Bold", fontPath(FONT_FILES.bold));
  const W = doc.page.width; // 841.89
  const H = doc.page.height; // 595.28
  const inner = { x: 70, width: W - 140 };

  // Frame
  doc
    .lineWidth(3)
    .strokeColor(RED)
    .rect(20, 20, W - 40, H - 40)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(28, 28, W - 56, H - 56)
    .stroke();

  // National motto, as on every official Vietnamese document
  doc.font("Bold").fontSize(13).fillColor(INK);
  doc.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", inner.x, 52, { width: inner.width, align: "center" });
  doc.fontSize(12.5).text("Độc lập - Tự do - Hạnh phúc", inner.x, doc.y + 2, {
    width: inner.width,
    align: "center",
  });
  const rule = doc.y + 6;
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .moveTo(W / 2 - 85, rule)
    .lineTo(W / 2 + 85, rule)
    .stroke();

  doc.font("Bold").fontSize(34).fillColor(RED);
  doc.text("GIẤY CHỨNG NHẬN", inner.x, 112, { width: inner.width, align: "center" });
  doc.font("Regular").fontSize(15).fillColor(INK);
  doc.text("Hoàn thành khóa học", inner.x, doc.y + 2, { width: inner.width, align: "center" });

  doc.font("Regular").fontSize(13).fillColor(MUTED);
  doc.text("Chứng nhận Ông/Bà", inner.x, 200, { width: inner.width, align: "center" });
  let y = fitted(doc, cert.fullName, doc.y + 4, {
    font: "Bold",
    size: 26,
    min: 16,
    color: INK,
    ...inner,
  });
  y = fitted(doc, `Đơn vị: ${cert.agencyName}`, y + 4, {
    font: "Regular",
    size: 14,
    min: 10,
    color: INK,
    ...inner,
  });
  doc.font("Regular").fontSize(13).fillColor(MUTED);
  doc.text("đã hoàn thành khóa học", inner.x, y + 12, { width: inner.width, align: "center" });
  y = fitted(doc, cert.courseTitle, doc.y + 4, { font: "Bold", size: 19, min: 14, color: RED, ...inner });

  const facts = [
    `Ngày hoàn thành: ${formatDate(cert.completedAt)}`,
    `Có giá trị đến: ${cert.validUntil ? formatDate(cert.validUntil) : "không thời hạn"}`,
    ...(cert.score !== null ? [`Điểm bài kiểm tra: ${cert.score}/100`] : []),
  ].join("     ·     ");
  doc.font("Regular").fontSize(12.5).fillColor(INK);
  doc.text(facts, inner.x, y + 12, { width: inner.width, align: "center" });

  // Verification block: QR code, code and address
  const qrSize = 96;
  const qrX = 56;
  const qrY = H - 56 - qrSize;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  const textX = qrX + qrSize + 14;
  const textW = W / 2 - textX + 60;
  doc.font("Regular").fontSize(10.5).fillColor(MUTED);
  doc.text("Mã xác thực", textX, qrY + 10, { width: textW });
  doc
    .font("Bold")
    .fontSize(16)
    .fillColor(INK)
    .text(cert.code, textX, doc.y + 1, { width: textW, characterSpacing: 1.5 });
  doc.font("Regular").fontSize(9.5).fillColor(MUTED);
  doc.text("Quét mã QR hoặc tra cứu tại:", textX, doc.y + 4, { width: textW });
  doc.fillColor(RED).text(verifyUrl, textX, doc.y + 1, { width: textW, link: verifyUrl, underline: false });

  doc.font("Regular").fontSize(10.5).fillColor(MUTED);
  doc.text("Hệ thống bồi dưỡng kiến thức an toàn thông tin", W / 2 + 60, qrY + 40, {
    width: W / 2 - 116,
    align: "right",
  });
  doc
    .font("Bold")
    .fontSize(13)
    .fillColor(INK)
    .text("Học ATTT", W / 2 + 60, doc.y + 2, {
      width: W / 2 - 116,
      align: "right",
    });

  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
