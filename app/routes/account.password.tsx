import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { changePassword, newPasswordSchema } from "~/modules/auth/auth.server";
import { getAuth, requireActor } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, fieldErrors } from "~/utils/forms";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  return { mustChange: actor.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  const auth = (await getAuth(request))!;
  const t = serverT(request);
  const schema = z
    .object({
      currentPassword: z.string().min(1, "auth.currentPasswordRequired"),
      newPassword: newPasswordSchema,
      confirmPassword: z.string(),
    })
    .refine((v) => v.newPassword === v.confirmPassword, {
      path: ["confirmPassword"],
      message: t("password.mismatch"),
    });
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
  const result = await changePassword(
    actor.userId,
    auth.sessionId,
    parsed.data.currentPassword,
    parsed.data.newPassword,
  );
  if (!result.ok)
    return data({ errors: { [result.field]: t(result.message) } as FieldErrors }, { status: 400 });
  return redirectWithFlash(homePath({ ...actor, mustChangePassword: false }), {
    kind: "success",
    message: t("password.saved"),
  });
}

export default function PasswordPage() {
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
  const t = useT();
  const fields = [
    ["currentPassword", t("password.current"), "current-password"],
    ["newPassword", t("password.new"), "new-password"],
    ["confirmPassword", t("password.confirm"), "new-password"],
  ] as const;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-xl font-semibold">{t("password.title")}</h1>
      {mustChange ? (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("password.mustChange")}
        </p>
      ) : null}
      <Form method="post" className="card mt-4 space-y-4" noValidate>
        {fields.map(([name, label, autoComplete]) => (
          <div key={name}>
            <label htmlFor={name} className="label">
              {label}
            </label>
            <input
              id={name}
              name={name}
              type="password"
              autoComplete={autoComplete}
              className="input"
              required
            />
            {errors[name] ? <p className="field-error">{errors[name]}</p> : null}
          </div>
        ))}
        <button type="submit" className="btn-primary">
          {t("password.submit")}
        </button>
      </Form>
    </div>
  );
}
