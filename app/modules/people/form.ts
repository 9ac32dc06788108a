// HTML form fields → the shape personInputSchema validates (checkbox and comma-separated tags).
export function personFormInput(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? "");
  return {
    fullName: text("fullName"),
    email: text("email"),
    agencyId: text("agencyId"),
    staffCategory: text("staffCategory"),
    position: text("position"),
    isHeadOfUnit: form.get("isHeadOfUnit") === "true",
    itRole: text("itRole"),
    tags: text("tags")
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
