import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PasswordPair } from "~/components/auth/password-pair";
import { Field, FormError } from "~/components/field";
import { changePasswordSchema } from "~/domain/auth";
import { changePassword } from "~/modules/auth/auth.server";
import { getAuth, requireActor } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";
import { useZodForm } from "~/utils/conform";
import { parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { serverT } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  return { mustChange: actor.mustChangePassword };
}

const SECRET_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  const auth = (await getAuth(request))!;
  const submission = await parseSubmission(request, changePasswordSchema);
  // The typed passwords are never sent back into the page.
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: SECRET_FIELDS }), { status: 400 });
  const { currentPassword, newPassword } = submission.value;
  const result = await changePassword(actor.userId, auth.sessionId, currentPassword, newPassword);
  if (!result.ok) {
    const fieldErrors = { [result.field]: [serverT(request)(result.message)] };
    return data(submission.reply({ fieldErrors, hideFields: SECRET_FIELDS }), { status: 400 });
  }
  return redirectWithFlash(homePath({ ...actor, mustChangePassword: false }), {
    kind: "success",
    message: serverT(request)("password.saved"),
  });
}

export default function PasswordPage() {
  const { mustChange } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(changePasswordSchema, { lastResult, shouldValidate: "onSubmit" });
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-xl font-semibold">{t("password.title")}</h1>
      {mustChange ? (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("password.mustChange")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card mt-4 space-y-4">
        <FormError message={form.errors?.[0]} />
        <Field field={fields.currentPassword} label={t("password.current")}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required />}
        </Field>
        <PasswordPair password={fields.newPassword} confirm={fields.confirmPassword} />
        <button type="submit" className="btn-primary">
          {t("password.submit")}
        </button>
      </Form>
    </div>
  );
}
