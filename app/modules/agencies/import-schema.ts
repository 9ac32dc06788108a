// The agency tree JSON format (prisma/data/agencies/*.json): validation and flattening. Pure; unit-tested.
import { z } from "zod";
import type { AgencyKind } from "~/generated/prisma/enums";
import type { MessageRef } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { issueRef } from "~/utils/forms";
import { multilineText, text } from "~/utils/zod-text";

const JSON_KINDS = ["PROVINCE", "DEPARTMENT", "COMMUNE", "UNIT", "GROUP", "DISTRICT"] as const;
type JsonKind = (typeof JSON_KINDS)[number];

export type AgencyJsonNode = {
  code: string;
  name: string;
  kind: JsonKind;
  type?: string | null;
  notes?: string | null;
  children?: AgencyJsonNode[];
};

// Other fields of the source files (verification, source, formedFrom, mergedFrom) are documentation
// for people; zod drops them. formedFrom/mergedFrom are not turned into aliases: official commune codes
// are reused across eras (README of the data folder), so an old code there can name a different unit.
const nodeSchema: z.ZodType<AgencyJsonNode> = z.lazy(() =>
  z.object(
    {
      code: text("agencies.jsonCodeMissing")
        .min(1, "agencies.jsonCodeEmpty")
        .max(64, "agencies.jsonCodeTooLong"),
      name: text("agencies.jsonNameMissing")
        .min(1, "agencies.jsonNameEmpty")
        .max(300, "agencies.jsonNameTooLong"),
      kind: z.enum(JSON_KINDS, { error: "agencies.jsonKindInvalid" }),
      type: text("agencies.jsonTypeNotString").max(64, "agencies.jsonTypeTooLong").nullish(),
      notes: multilineText("agencies.jsonNotesNotString").max(4000, "agencies.jsonNotesTooLong").nullish(),
      children: z.array(nodeSchema, { error: "agencies.jsonChildrenNotArray" }).optional(),
    },
    { error: "agencies.jsonNodeNotObject" },
  ),
);

const prefixSchema = z.string().max(32, "agencies.prefixTooLong").regex(/^\S*$/, "agencies.prefixSpaces");

/** One node of the file, flattened; `jsonPath` names it in error messages ("$.children[3]"). */
export type FlatAgencyNode = {
  code: string;
  name: string;
  kind: AgencyKind;
  type: string | null;
  notes: string | null;
  parentCode: string | null;
  /** 0 for the file's root(s). */
  level: number;
  jsonPath: string;
};

const MAX_REPORTED = 20;

function jsonPathOf(path: PropertyKey[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

/** Names the node an issue is about by its code, or by its parent's when it has none, to find it in the file. */
function nodeHint(input: unknown, path: PropertyKey[]): MessageRef | string {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === "object" && !Array.isArray(v);
  const codeOf = (v: unknown) =>
    isObject(v) && typeof v.code === "string" && v.code.trim() ? v.code.trim() : null;
  // values[i] is what sits at path[0..i) in the input.
  const values: unknown[] = [input];
  for (const key of path) {
    const cur = values[values.length - 1];
    values.push(
      cur && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[key as string] : undefined,
    );
  }
  // The node itself: the value at the path, or the object holding the bad field.
  let nodeAt = values.length - 1;
  if (!isObject(values[nodeAt])) nodeAt = typeof path[path.length - 1] === "string" ? nodeAt - 1 : -1;
  const own = nodeAt >= 0 ? codeOf(values[nodeAt]) : null;
  if (own) return { key: "agencies.jsonHintOwn", params: { code: own } };
  for (let i = (nodeAt >= 0 ? nodeAt : values.length) - 1; i >= 0; i--) {
    const code = codeOf(values[i]);
    if (code) return { key: "agencies.jsonHintParent", params: { code } };
  }
  return "";
}

function fail(lines: MessageRef[]): never {
  const shown = lines.slice(0, MAX_REPORTED);
  if (lines.length > MAX_REPORTED)
    shown.push({ key: "agencies.jsonMoreErrors", params: { count: lines.length - MAX_REPORTED } });
  throw new DomainError("agencies.jsonInvalid", { params: { lines: shown }, field: "file" });
}

/**
 * Validates a whole file before anything is written and returns its nodes level by level (parents before
 * children). The file is one root node or an array of roots. `prefix` is put in front of every code so a
 * second dataset (say the 2021 tree) can live beside the current one: official codes are reused across eras.
 */
export function parseAgencyTreeJson(json: unknown, prefix = ""): FlatAgencyNode[] {
  const prefixResult = prefixSchema.safeParse(prefix);
  if (!prefixResult.success) throw DomainError.fromIssue(prefixResult.error.issues[0], { field: "prefix" });

  const isForest = Array.isArray(json);
  const parsed = (isForest ? z.array(nodeSchema).min(1, "agencies.jsonEmpty") : nodeSchema).safeParse(json);
  if (!parsed.success) {
    fail(
      parsed.error.issues.map((issue) => {
        const params = {
          path: jsonPathOf(issue.path),
          hint: nodeHint(json, issue.path),
          reason: issueRef(issue),
        };
        return { key: "agencies.jsonIssue", params };
      }),
    );
  }
  const roots: AgencyJsonNode[] = isForest
    ? (parsed.data as AgencyJsonNode[])
    : [parsed.data as AgencyJsonNode];

  const out: FlatAgencyNode[] = [];
  let level: { node: AgencyJsonNode; parentCode: string | null; jsonPath: string }[] = roots.map(
    (node, i) => ({
      node,
      parentCode: null,
      jsonPath: isForest ? `$[${i}]` : "$",
    }),
  );
  for (let depth = 0; level.length; depth++) {
    const next: typeof level = [];
    for (const { node, parentCode, jsonPath } of level) {
      const code = prefix + node.code;
      out.push({
        code,
        name: node.name,
        // Since 01/07/2025 there is no district level and AgencyKind has no DISTRICT. Older files keep
        // their districts as UNIT nodes; `type` ("huyện", "thành phố") still says what they were.
        kind: node.kind === "DISTRICT" ? "UNIT" : node.kind,
        type: node.type || (node.kind === "DISTRICT" ? "huyện" : null),
        notes: node.notes ?? null,
        parentCode,
        level: depth,
        jsonPath,
      });
      node.children?.forEach((child, i) =>
        next.push({ node: child, parentCode: code, jsonPath: `${jsonPath}.children[${i}]` }),
      );
    }
    level = next;
  }

  const firstByCode = new Map<string, FlatAgencyNode>();
  const duplicates: MessageRef[] = [];
  for (const n of out) {
    const first = firstByCode.get(n.code);
    if (first)
      duplicates.push({
        key: "agencies.jsonDuplicateCode",
        params: { path: n.jsonPath, code: n.code, firstPath: first.jsonPath, firstName: first.name },
      });
    else firstByCode.set(n.code, n);
  }
  if (duplicates.length) fail(duplicates);
  return out;
}
