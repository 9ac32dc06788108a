// The one way actions read a posted form. A body that is not a form (JSON, no Content-Type, a multipart body
// cut short) would make request.formData() throw a TypeError, i.e. a 500; here it is a 415 or 400 with a
// message in the user's language. ESLint forbids calling request.formData() anywhere else.
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { serverT } from "./i18n.server";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export type ReadFormOptions = {
  /** For uploads: the largest file part kept in memory. Larger parts throw MaxPartSizeExceededError. */
  maxPartSize?: number;
};

export async function readForm(request: Request, options: ReadFormOptions = {}): Promise<FormData> {
  const t = serverT(request);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) throw data({ message: t("form.unsupported") }, { status: 415 });
  try {
    if (type === "multipart/form-data" && options.maxPartSize)
      return await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: options.maxPartSize }),
      );
    // eslint-disable-next-line no-restricted-syntax -- this helper is the one place that reads a body
    return await request.formData();
  } catch (error) {
    // The routes that take uploads answer 413 themselves, with the limit in their own words.
    if (error instanceof MaxPartSizeExceededError) throw error;
    throw data({ message: t("form.malformed") }, { status: 400 });
  }
}
