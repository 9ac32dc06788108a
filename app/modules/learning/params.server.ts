// Route parameters of the learner pages, validated before any query.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { notFound } from "~/utils/http.server";

const codeSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export function courseCode(params: { code?: string }): string {
  const parsed = codeSchema.safeParse(params.code);
  if (!parsed.success) notFound("learning.courseNotFound");
  return parsed.data;
}

export function uuidParam(value: string | undefined, message: MessageKey = "error.404"): string {
  const parsed = z.string().uuid().safeParse(value);
  if (!parsed.success) notFound(message);
  return parsed.data;
}
