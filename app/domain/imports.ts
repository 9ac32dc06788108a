// The upload step shared by the two imports (people, completions): the file field and the accepted types.
// Pure, so the upload form validates with it in the browser as the action does on the server.
import { z } from "zod";

export const SPREADSHEET_ACCEPT =
  ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** conform reads an empty file input as no value: both are "choose a file". */
export const uploadFile = z
  .instanceof(File, { error: "flash.chooseFileWithData" })
  .refine((f) => f.size > 0 && f.name !== "", "flash.chooseFileWithData");

/** The upload form (also what a post without an intent is: tests and scripts upload the file alone). */
export const uploadSchema = z.object({ intent: z.literal("preview").default("preview"), file: uploadFile });

/** A problem the import found in the file: a line and column, or neither for the file as a whole. */
export type ImportProblem = { line: number | null; column: string | null; message: string };

/** Problems about the whole file (unreadable, wrong type, too large) belong next to the file field. */
export function wholeFileProblems(errors: readonly ImportProblem[]): string[] | null {
  return errors.length > 0 && errors.every((e) => e.line === null && e.column === null)
    ? errors.map((e) => e.message)
    : null;
}
