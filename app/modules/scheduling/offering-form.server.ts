// The offering form's action (new and edit): parse with the form's schema, turn the typed instructor emails
// into people the organiser can see (viewScope: its own agencies and whatever it reviews), then save.
import { type OfferingInput, offeringFormSchema } from "~/domain/scheduling";
import { type Actor, viewScope } from "~/modules/auth/scope";
import { emailList, findPeopleByEmail } from "~/modules/people/lookup.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { DomainError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { serverT } from "~/utils/i18n.server";

export async function submitOfferingForm(
  request: Request,
  actor: Actor,
  save: (input: OfferingInput) => Promise<{ id: string }>,
) {
  const submission = await parseSubmission(request, offeringFormSchema, { disableAutoCoercion: true });
  if (submission.status !== "success") return invalidReply(submission);
  const { instructorEmails, ...value } = submission.value;
  try {
    const people = await findPeopleByEmail(viewScope(actor), emailList(instructorEmails));
    if (people.missing.length)
      throw new DomainError("scheduling.instructorEmailsUnknown", {
        params: { emails: people.missing.join(", ") },
        field: "instructorEmails",
      });
    const offering = await save({ ...value, instructorIds: people.found.map((p) => p.id) });
    return redirectWithFlash(`/offerings/${offering.id}`, {
      kind: "success",
      message: serverT(request)("off.saved"),
    });
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}
