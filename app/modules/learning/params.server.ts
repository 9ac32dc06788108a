// Route parameters of the learner pages, validated before any query.
import { z } from "zod";
import { notFound } from "~/utils/http.server";

const codeSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export function courseCode(params: { code?: string }): string {
  const parsed = codeSchema.safeParse(params.code);
  if (!parsed.success) notFound("learning.courseNotFound");
  return parsed.data;
}

const positionSchema = z.coerce.number().int().min(1).max(1000);

export function lessonPosition(params: { position?: string }): number {
  const parsed = positionSchema.safeParse(params.position);
  if (!parsed.success) notFound("learning.lessonNotFound");
  return parsed.data;
}
