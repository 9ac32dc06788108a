// One-shot messages carried through a redirect ("Đã lưu", "Đã nhập 20 người").
import { createCookie, redirect } from "@remix-run/node";

const flashCookie = createCookie("hoc_flash", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export type Flash = { kind: "success" | "error" | "info"; message: string };

export async function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(url, { ...init, headers });
}

export async function readFlash(
  request: Request,
): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const value = await flashCookie.parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object" || typeof value.message !== "string")
    return { flash: null, setCookie: null };
  return { flash: value as Flash, setCookie: await flashCookie.serialize("", { maxAge: 0 }) };
}
