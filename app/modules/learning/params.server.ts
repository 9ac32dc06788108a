// Route parameters of the learner pages, validated before any query.
import { z } from "zod";
import { notFound } from "~/utils/http.server";

const codeSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export function courseCode(params: { code?: string }): string {
  const parsed = codeSchema.safeParse(params.code);
  if (!parsed.success) notFound("learning.courseNotFound");
  return parsed.data;
}
