// The upload step of an import (conform): the file field, with what is wrong with the file next to it.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { SPREADSHEET_ACCEPT, uploadSchema } from "~/domain/imports";
import { useZodForm } from "~/utils/conform";

export function UploadForm({
  lastResult,
  label,
  submitLabel,
  busy,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  label: string;
  submitLabel: string;
  busy: boolean;
}) {
  const [form, fields] = useZodForm(uploadSchema, { lastResult, shouldValidate: "onSubmit" });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="card flex flex-wrap items-end gap-3"
    >
      <FormError message={form.errors?.[0]} className="w-full" />
      <input type="hidden" name="intent" value="preview" />
      <Field field={fields.file} label={label} className="flex-1">
        {(p) => (
          <input {...p} type="file" accept={SPREADSHEET_ACCEPT} className="block w-full text-sm" required />
        )}
      </Field>
      <button type="submit" className="btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
