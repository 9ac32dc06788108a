// Route parameters of the learner pages, validated before any query.
import { z } from "zod";
import { notFound } from "~/utils/http.server";

const codeSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export function courseCode(params: { code?: string }): string {
  const parsed = codeSchema.safeParse(params.code);
  if (!parsed.success) notFound("Không tìm thấy khóa học.");
  return parsed.data;
}

export function uuidParam(value: string | undefined, message = "Không tìm thấy trang bạn yêu cầu."): string {
  const parsed = z.string().uuid().safeParse(value);
  if (!parsed.success) notFound(message);
  return parsed.data;
}
