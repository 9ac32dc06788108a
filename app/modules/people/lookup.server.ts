// Email → person, within the caller's scope: the one lookup behind every box where a coordinator types
// addresses (named members of an assignment, instructors of a class). An address outside the scope is
// reported exactly like an unknown one, so the box cannot be used to probe other agencies' staff.
import { db } from "~/db.server";
import { personWhere, type Scope } from "~/modules/auth/scope";
import { textProblem } from "~/utils/zod-text";

/** The addresses in a typed list (commas, semicolons, spaces or new lines), lower-cased, each once. */
export function emailList(text: string | null | undefined): string[] {
  return [
    ...new Set(
      String(text ?? "")
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export type PeopleByEmail = { found: { id: string; email: string }[]; missing: string[] };

export async function findPeopleByEmail(scope: Scope, emails: readonly string[]): Promise<PeopleByEmail> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  // An address with a NUL or control character cannot be anyone's (and PostgreSQL refuses NUL): not found.
  const queryable = wanted.filter((e) => textProblem(e) === null);
  const rows = queryable.length
    ? await db.person.findMany({
        where: { email: { in: queryable, mode: "insensitive" }, ...personWhere(scope) },
        select: { id: true, email: true },
      })
    : [];
  const byEmail = new Map(rows.map((p) => [p.email.toLowerCase(), p]));
  return {
    found: wanted.flatMap((e) => (byEmail.has(e) ? [byEmail.get(e)!] : [])),
    missing: wanted.filter((e) => !byEmail.has(e)),
  };
}
