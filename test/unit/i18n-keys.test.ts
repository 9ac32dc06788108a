// Both locales are complete: the dictionaries match key for key and placeholder for placeholder, every
// message key the code names exists, and pages carry no Vietnamese text outside the dictionaries.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { isMessageKey } from "~/i18n";
import { dictionaries } from "~/i18n/messages.server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
const I18N = path.join(APP, "i18n");

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : ext.test(name) ? [full] : [];
  });
}
// Each file is parsed once for all the scans (the machine is shared; parsing is most of the cost).
const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
  }
  return source;
}
const rel = (file: string) => path.relative(ROOT, file);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const { vi, en } = dictionaries;

describe("dictionaries", () => {
  it("vi and en have exactly the same keys", () => {
    const viKeys = Object.keys(vi).sort();
    const enKeys = Object.keys(en).sort();
    expect(
      enKeys.filter((k) => !(k in vi)),
      "keys only in en",
    ).toEqual([]);
    expect(
      viKeys.filter((k) => !(k in en)),
      "keys only in vi",
    ).toEqual([]);
  });

  it("has no empty message", () => {
    const empty = (["vi", "en"] as const).flatMap((locale) =>
      Object.entries(dictionaries[locale])
        .filter(([, text]) => typeof text !== "string" || text.trim() === "")
        .map(([key]) => `${locale}:${key}`),
    );
    expect(empty).toEqual([]);
  });

  it("uses the same {placeholders} in both locales", () => {
    const differ = Object.keys(vi)
      .filter((key) => key in en)
      .filter((key) => {
        const k = key as keyof typeof vi;
        return placeholders(vi[k]).join() !== placeholders(en[k]).join();
      });
    expect(differ).toEqual([]);
  });

  // Dictionaries are spread into one object, so a key defined twice would silently lose one text.
  it("defines each key in one file only", async () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const file of filesUnder(I18N, /\.ts$/)) {
      // The lookup, the merge of every file and the browser's script hold no dictionary of their own.
      if (["index.ts", "messages.server.ts", "script.server.ts"].includes(path.basename(file))) continue;
      const mod = (await import(file)) as Record<string, { vi?: Record<string, string> }>;
      for (const dict of Object.values(mod)) {
        for (const key of Object.keys(dict?.vi ?? {})) {
          const first = owner.get(key);
          if (first && first !== file) twice.push(`${key}: ${rel(first)} and ${rel(file)}`);
          owner.set(key, file);
        }
      }
    }
    expect(owner.size).toBeGreaterThan(500);
    expect(twice).toEqual([]);
  });
});

/** String literals of the app's code (not the dictionaries), with the file and the call they sit in. */
function literals(): { file: string; text: string; node: ts.StringLiteralLike }[] {
  const out: { file: string; text: string; node: ts.StringLiteralLike }[] = [];
  for (const file of filesUnder(APP, /\.tsx?$/)) {
    if (file.startsWith(I18N + path.sep) || file.includes(`${path.sep}generated${path.sep}`)) continue;
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        out.push({ file, text: node.text, node });
      // `Tối đa ${n} buổi.`: a sentence with values is not a key either.
      else if (ts.isTemplateExpression(node)) out.push({ file, text: node.getText(), node: node as never });
      node.forEachChild(visit);
    };
    visit(source);
  }
  return out;
}

// A literal names a message when it sits where messages go: DomainError, t()/translate(), notFound() and
// friends, or a zod check / `error:` / `message:` option.
const MESSAGE_CALLS =
  /^(text|multilineText|tagList|decimalInt|t|translate|serverT\(request\)|DomainError|notFound|forbidden|badRequest|invariantResponse|uuid|id|day|vnDateTime|optionalVnDateTime|uuidParam|done|duplicate|assertFound)$|\.(min|max|length|regex|refine|uuid|email|int|url|nonempty|gte|lte|positive|nonnegative)$/;

function isMessagePosition(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isArrayLiteralExpression(parent)) return isZodOrDomainMessage(node);
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const name = parent.name.getText();
    return name === "error" || name === "message";
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = parent.expression.getText().replace(/\s+/g, "");
    return MESSAGE_CALLS.test(callee) || /(^|\.)(min|max|regex|refine)$/.test(callee);
  }
  if (ts.isConditionalExpression(parent)) return isMessagePosition(parent);
  // NOT_FOUND = "people.notFound" and the like; lock names (REMINDER_LOCK_KEY) are not messages.
  if (ts.isVariableDeclaration(parent))
    return /^[A-Z_]+$/.test(parent.name.getText()) && !/_KEY$/.test(parent.name.getText());
  return false;
}

// zod's own calls and the app's zod-text building blocks (text, multilineText, tagList, decimalInt).
const ZOD_CALL =
  /(^z\.|^(text|multilineText|tagList|decimalInt)$|\.(min|max|length|regex|refine|superRefine|uuid|email|int|url|nonempty|gte|lte|literal|enum|string|number|array|union|object|addIssue)$)/;

/** A user-facing message of a service or schema: DomainError's first argument, or a zod message. */
function isZodOrDomainMessage(node: ts.Node): boolean {
  const parent = node.parent;
  // decimalInt(message, { min: [1, "message"], max: [100, "message"] })
  if (ts.isArrayLiteralExpression(parent) && ts.isPropertyAssignment(parent.parent)) {
    const range = parent.parent;
    const call = range.parent.parent;
    return (
      ["min", "max"].includes(range.name.getText()) &&
      ts.isCallExpression(call) &&
      ZOD_CALL.test(call.expression.getText().replace(/\s+/g, ""))
    );
  }
  if (ts.isNewExpression(parent)) return parent.expression.getText() === "DomainError";
  if (ts.isCallExpression(parent)) return ZOD_CALL.test(parent.expression.getText().replace(/\s+/g, ""));
  if (ts.isConditionalExpression(parent)) return isZodOrDomainMessage(parent);
  if (ts.isPropertyAssignment(parent) && ["error", "message"].includes(parent.name.getText())) {
    // Flash messages and upload errors written by routes ({ kind: "success", message: "..." }).
    if (node.getSourceFile().fileName.includes(`${path.sep}routes${path.sep}`)) return true;
    const call = parent.parent.parent;
    if (!ts.isCallExpression(call)) return false;
    const callee = call.expression.getText().replace(/\s+/g, "");
    // data({ message }) and redirectWithFlash(url, { message }) answered by a module or a helper.
    return ZOD_CALL.test(callee) || /^(data|json|redirectWithFlash)$/.test(callee);
  }
  // { errors: { form: "..." } } answered by an action.
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
    const holder = parent.parent.parent;
    return ts.isPropertyAssignment(holder) && holder.name.getText() === "errors";
  }
  return false;
}

const KEY_SHAPE = /^[a-z][A-Za-z]*\.[A-Za-z0-9_.]+$/;
const NAMESPACES = new Set(Object.keys(vi).map((k) => k.split(".")[0]));

describe("message keys used in the code", () => {
  const all = literals(); // parsed at collection, outside the 5 s test timeout

  it("finds the keys it checks (the scan works)", () => {
    const used = all.filter((l) => KEY_SHAPE.test(l.text) && isMessagePosition(l.node));
    expect(used.length).toBeGreaterThan(300);
    expect(used.some((l) => l.text === "people.emailTaken")).toBe(true);
  });

  it("every key named by DomainError, t(), translate(), HTTP helpers and zod messages exists in vi and en", () => {
    const missing = all
      .filter((l) => KEY_SHAPE.test(l.text) && NAMESPACES.has(l.text.split(".")[0]))
      .filter((l) => isMessagePosition(l.node))
      .filter((l) => !isMessageKey(l.text) || !(l.text in en))
      .map(
        (l) =>
          `${rel(l.file)}:${l.node.getSourceFile().getLineAndCharacterOfPosition(l.node.getStart()).line + 1} ${l.text}`,
      );
    expect(missing).toEqual([]);
  });

  it("zod, DomainError, flash and form-error messages are keys, not Vietnamese sentences", () => {
    const vietnamese = /[À-ỹĐđ]/;
    const sentences = all
      .filter((l) => vietnamese.test(l.text) && isZodOrDomainMessage(l.node))
      .filter((l) => /\.(server\.)?tsx?$/.test(l.file) && !ALLOWED_VI_FILES.has(rel(l.file)))
      .map((l) => `${rel(l.file)}: ${l.text}`);
    expect(sentences).toEqual([]);
  });
  // Any language: a sentence where a message goes is a message the English (or Vietnamese) reader misses.
  // DomainError and the HTTP helpers take a MessageKey by type; this catches zod's `error:`/`message:`
  // options and check messages, `data({ message })` and `{ errors: { form } }` answers, which take a string.
  it("zod, DomainError, flash and form-error messages are keys in any language", () => {
    const sentences = all
      .filter((l) => isZodOrDomainMessage(l.node) && !KEY_SHAPE.test(l.text) && /\s|[.!?:]$/.test(l.text))
      .filter((l) => !ALLOWED_VI_FILES.has(rel(l.file)))
      .map(
        (l) =>
          `${rel(l.file)}:${l.node.getSourceFile().getLineAndCharacterOfPosition(l.node.getStart()).line + 1} ${l.text}`,
      );
    expect(sentences).toEqual([]);
  });
});

// Printed documents for Vietnamese offices (sign-in sheet, the official report) stay in Vietnamese, as do
// the content-authoring schema (course files are written in Vietnamese), and start-up configuration errors
// (read by the operator in the server log).
const ALLOWED_VI_FILES = new Set([
  "app/env.server.ts",
  "app/modules/auth/config.server.ts",
  "app/routes/offerings.$offeringId.sign-in.tsx",
  "app/modules/content/schema.ts",
  "app/modules/content/load.server.ts",
  "app/modules/content/citations.ts",
  // Drill templates are content files too (content/phishing/), written and checked in Vietnamese.
  "app/modules/phishing/template-schema.ts",
  "app/modules/phishing/template-checks.ts",
  "app/modules/phishing/template-load.server.ts",
]);

/** A literal shown as it is: a JSX attribute or child, possibly through `? :`, `??`, `||` or parentheses. */
function inJsxValue(node: ts.Node): boolean {
  let up = node.parent;
  while (ts.isConditionalExpression(up) || ts.isBinaryExpression(up) || ts.isParenthesizedExpression(up))
    up = up.parent;
  return ts.isJsxAttribute(up) || ts.isJsxExpression(up);
}

describe("conform", () => {
  // parseWithZod would put the schema's message keys, untranslated, into submission.reply(). The
  // new-assignment page replies with keys on purpose and translates them itself (its msg() helper).
  const TRANSLATES_KEYS_ITSELF = new Set(["app/routes/assignments.new.tsx"]);
  it(
    "every parseWithZod call translates the messages (formatError: formatIssues(locale))",
    { timeout: 60_000 },
    () => {
      const untranslated: string[] = [];
      for (const file of filesUnder(APP, /\.tsx?$/)) {
        if (TRANSLATES_KEYS_ITSELF.has(rel(file))) continue;
        const source = parse(file);
        const visit = (node: ts.Node) => {
          if (
            ts.isCallExpression(node) &&
            node.expression.getText() === "parseWithZod" &&
            !/formatError/.test(node.getText())
          )
            untranslated.push(
              `${rel(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
            );
          node.forEachChild(visit);
        };
        visit(source);
      }
      expect(untranslated).toEqual([]);
    },
  );
});

describe("pages", () => {
  it("have no Vietnamese text in JSX outside the dictionaries", { timeout: 60_000 }, () => {
    const vietnamese = /[À-ỹĐđ]/;
    const found: string[] = [];
    for (const file of filesUnder(APP, /\.tsx$/)) {
      if (ALLOWED_VI_FILES.has(rel(file))) continue;
      const source = parse(file);
      const visit = (node: ts.Node) => {
        const inJsx =
          ts.isJsxText(node) ||
          ((ts.isStringLiteral(node) ||
            ts.isNoSubstitutionTemplateLiteral(node) ||
            ts.isTemplateExpression(node)) &&
            inJsxValue(node));
        if (inJsx && vietnamese.test(node.getText())) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          found.push(`${rel(file)}:${line} ${node.getText().trim().slice(0, 60)}`);
        }
        node.forEachChild(visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
