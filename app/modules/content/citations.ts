// The citations register (content/citations.yaml) and the markers that cite it from lessons and quiz text:
// `[[cite:ID]]`, `[[cite:ID|Điều 9]]` (cited as applicable law) and `[[cite-history:ID|…]]` (cited
// historically, allowed for any status). Pure: the loader reads the file, the gate (quality.ts) judges it.
import { z } from "zod";
import { CODE_PATTERN, isoDay, type ContentProblem } from "./schema";

export const CITATIONS_FILE = "citations.yaml";

export const DOCUMENT_KINDS = [
  "law",
  "resolution",
  "decree",
  "decision",
  "directive",
  "circular",
  "standard",
  "guideline",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ["in-force", "not-yet-in-force", "amended", "replaced", "expired"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Statuses a document may not be cited with as applicable law (only with cite-history). */
export const NOT_APPLICABLE: readonly DocumentStatus[] = ["replaced", "expired"];

const str = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `thiếu ${what}` : `${what} phải là một chuỗi`) })
    .trim()
    .min(1, `${what} không được để trống`);

const documentSchema = z
  .strictObject(
    {
      id: z
        .string({
          error: (iss) => (iss.input === undefined ? "thiếu mã văn bản (id)" : "id phải là một chuỗi"),
        })
        .regex(CODE_PATTERN, "mã văn bản (id) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang"),
      number: str("số hiệu (number)"),
      kind: z.enum(DOCUMENT_KINDS, {
        error: `loại văn bản (kind) phải là một trong: ${DOCUMENT_KINDS.join(", ")}`,
      }),
      title: str("tên văn bản (title)"),
      issuer: str("cơ quan ban hành (issuer)"),
      signedAt: isoDay("ngày ban hành (signedAt)"),
      effectiveAt: isoDay("ngày có hiệu lực (effectiveAt)").optional(),
      status: z.enum(DOCUMENT_STATUSES, {
        error: `tình trạng (status) phải là một trong: ${DOCUMENT_STATUSES.join(", ")}`,
      }),
      replacedBy: z.string({ error: "replacedBy phải là mã một văn bản trong danh mục" }).optional(),
      amendedBy: z
        .array(z.string({ error: "phải là mã một văn bản trong danh mục" }), {
          error: "amendedBy phải là danh sách mã văn bản",
        })
        .optional(),
      sources: z
        .array(
          z.strictObject(
            { url: z.url({ error: "url phải là một địa chỉ http(s)" }), title: str("tên nguồn (title)") },
            { error: "mỗi nguồn phải là một đối tượng {url, title}" },
          ),
          { error: "thiếu nguồn kiểm tra (sources: danh sách {url, title})" },
        )
        .min(1, "cần ít nhất một nguồn kiểm tra (sources)"),
      checkedAt: isoDay("ngày kiểm tra (checkedAt)"),
      note: z.string({ error: "note phải là một chuỗi" }).optional(),
    },
    {
      error:
        "mỗi văn bản phải là một đối tượng {id, number, kind, title, issuer, signedAt, status, sources, checkedAt}",
    },
  )
  .superRefine((d, ctx) => {
    if (d.status === "replaced" && !d.replacedBy)
      ctx.addIssue({
        code: "custom",
        path: ["replacedBy"],
        message: "văn bản đã được thay thế (status: replaced) cần replacedBy",
      });
    if (d.status === "amended" && !d.amendedBy?.length)
      ctx.addIssue({
        code: "custom",
        path: ["amendedBy"],
        message: "văn bản đã được sửa đổi (status: amended) cần amendedBy",
      });
  });
export type RegisterDocument = z.infer<typeof documentSchema>;

export const citationsFileSchema = z.strictObject({
  documents: z
    .array(documentSchema, { error: "thiếu danh sách văn bản (documents)" })
    .superRefine((docs, ctx) => {
      const first = new Map<string, number>();
      docs.forEach((d, i) => {
        if (typeof d?.id !== "string") return;
        const j = first.get(d.id);
        if (j === undefined) first.set(d.id, i);
        else
          ctx.addIssue({
            code: "custom",
            path: [i, "id"],
            message: `mã văn bản "${d.id}" bị lặp (trùng với documents[${j}])`,
          });
      });
    }),
});

export type Register = Map<string, RegisterDocument>;

/** Problems between entries: replacedBy/amendedBy naming an id that is not in the register. */
export function registerProblems(docs: readonly RegisterDocument[]): ContentProblem[] {
  const ids = new Set(docs.map((d) => d.id));
  const problems: ContentProblem[] = [];
  docs.forEach((d, i) => {
    if (d.replacedBy !== undefined && !ids.has(d.replacedBy))
      problems.push({
        file: CITATIONS_FILE,
        field: `documents[${i}].replacedBy`,
        message: `replacedBy "${d.replacedBy}" không có trong danh mục`,
      });
    d.amendedBy?.forEach((a, j) => {
      if (!ids.has(a))
        problems.push({
          file: CITATIONS_FILE,
          field: `documents[${i}].amendedBy[${j}]`,
          message: `amendedBy "${a}" không có trong danh mục`,
        });
    });
  });
  return problems;
}

export type CiteMarker = {
  /** The whole marker as written. */
  raw: string;
  id: string;
  locator: string | null;
  /** `cite-history`: cited historically, allowed for a replaced or expired document. */
  history: boolean;
  index: number;
};

const MARKER = /\[\[(cite|cite-history):([^\]|]*)(?:\|([^\]]*))?\]\]/g;

/** Every cite marker in `text`, in order. */
export function citeMarkers(text: string): CiteMarker[] {
  return [...text.matchAll(MARKER)].map((m) => ({
    raw: m[0],
    id: m[2].trim(),
    locator: m[3]?.trim() || null,
    history: m[1] === "cite-history",
    index: m.index,
  }));
}

/** Replaces each marker by what `render` returns for it. */
export function replaceCiteMarkers(text: string, render: (m: CiteMarker) => string): string {
  let i = 0;
  const markers = citeMarkers(text);
  if (!markers.length) return text;
  let out = "";
  for (const m of markers) {
    out += text.slice(i, m.index) + render(m);
    i = m.index + m.raw.length;
  }
  return out + text.slice(i);
}

/** The document as the lesson names it: "Luật An ninh mạng số 116/2025/QH15" (standards: "NIST … (SP 800-63B-4)"). */
export function documentLabel(d: Pick<RegisterDocument, "kind" | "title" | "number">): string {
  if (d.kind === "standard" || d.kind === "guideline") return `${d.title} (${d.number})`;
  return `${d.title} số ${d.number}`;
}

export function citationLabel(
  d: Pick<RegisterDocument, "kind" | "title" | "number">,
  locator: string | null,
) {
  return locator ? `${documentLabel(d)}, ${locator}` : documentLabel(d);
}

/** A cited document as stored with a course version (the learner's "Căn cứ" and sources pages). */
export type CitedDocument = {
  id: string;
  number: string;
  kind: DocumentKind;
  title: string;
  issuer: string;
  signedAt: string;
  effectiveAt: string | null;
  status: DocumentStatus;
  /** Number of the replacing document (status replaced). */
  replacedBy: string | null;
  /** Numbers of the amending documents (status amended). */
  amendedBy: string[];
  label: string;
};

export function citedDocument(d: RegisterDocument, register: Register): CitedDocument {
  const numberOf = (id: string) => register.get(id)?.number ?? id;
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    title: d.title,
    issuer: d.issuer,
    signedAt: d.signedAt,
    effectiveAt: d.effectiveAt ?? null,
    status: d.status,
    replacedBy: d.replacedBy ? numberOf(d.replacedBy) : null,
    amendedBy: (d.amendedBy ?? []).map(numberOf),
    label: documentLabel(d),
  };
}

/** One use of a marker, where the gate can point at it. */
export type CiteUse = { file: string; field: string; id: string; history: boolean; course: string };

/** Cite markers in quiz text become the document's label (plain text); `field` says where they stood. */
export type CiteText = (text: string, field: string) => string;

/** Reads cite markers for one course: checks ids, records uses, and renders labels. */
export class CourseCitations {
  readonly uses: CiteUse[] = [];
  private readonly order: string[] = [];
  constructor(
    private readonly course: string,
    private readonly register: Register,
    private readonly problems: ContentProblem[],
  ) {}

  /** The document for a marker, recording the use; null (and a problem) when the id is unknown. */
  private use(
    m: { id: string; history: boolean; raw: string },
    file: string,
    field: string,
  ): RegisterDocument | null {
    const doc = this.register.get(m.id);
    if (!doc) {
      this.problems.push({
        file,
        field,
        message: `${m.raw}: mã văn bản "${m.id}" không có trong danh mục ${CITATIONS_FILE}`,
      });
      return null;
    }
    this.uses.push({ file, field, id: m.id, history: m.history, course: this.course });
    if (!this.order.includes(m.id)) this.order.push(m.id);
    return doc;
  }

  text: CiteText = (text, field) => this.textIn(text, `${this.course}/quiz.yaml`, field);

  textIn(text: string, file: string, field: string): string {
    return replaceCiteMarkers(text, (m) => {
      const doc = this.use(m, file, field);
      return doc ? citationLabel(doc, m.locator) : m.raw;
    });
  }

  /** A lesson's markers: the links for renderMarkdown and the ids its notes list. */
  lesson(markdown: string, file: string) {
    const ids: string[] = [];
    const lineOf = (md: string, index: number) => md.slice(0, index).split("\n").length;
    const replace = (md: string, token: (link: { id: string; label: string }) => string) => {
      // Markers are checked on the whole file so the line numbers are the file's own.
      return replaceCiteMarkers(md, (m) => {
        const doc = this.register.get(m.id);
        if (!doc) return m.raw;
        if (!ids.includes(m.id)) ids.push(m.id);
        return token({ id: m.id, label: citationLabel(doc, m.locator) });
      });
    };
    for (const m of citeMarkers(markdown)) this.use(m, file, `dòng ${lineOf(markdown, m.index)}`);
    return { replace, ids };
  }

  cited(): CitedDocument[] {
    return this.order.map((id) => citedDocument(this.register.get(id)!, this.register));
  }
}
