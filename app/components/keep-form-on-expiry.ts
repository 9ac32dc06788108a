// When a session expires under a form, the POST goes to the login page and the server has nothing to keep.
// The browser does: each POST form's typed values are kept in sessionStorage at submit; if the next page is
// the login page with reason=expired, they are put back into the same form after signing in. Passwords,
// files and hidden fields are never kept; any other next page forgets them.
import { useLocation } from "@remix-run/react";
import { useEffect } from "react";

const PENDING = "hoc:pending-form";
const RESTORE = "hoc:restore-form";

type Pending = { path: string; form: number; values: [string, string][] };

const SKIPPED = new Set(["password", "file", "hidden", "submit", "button", "reset", "image"]);

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: nothing kept, nothing lost beyond today's behaviour
  }
}

function postForms(): HTMLFormElement[] {
  return Array.from(document.forms).filter((f) => f.method.toLowerCase() === "post");
}

function keptFields(form: HTMLFormElement) {
  return Array.from(form.elements).filter(
    (el): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
      (el instanceof HTMLInputElement && !SKIPPED.has(el.type)) ||
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement,
  );
}

function restore(p: Pending) {
  const form = postForms()[p.form];
  if (!form) return;
  for (const el of keptFields(form)) {
    const kept = p.values.filter(([name]) => name === el.name).map(([, v]) => v);
    if (!kept.length) continue;
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio"))
      el.checked = kept.includes(el.value);
    else if (el instanceof HTMLSelectElement && el.multiple)
      for (const o of Array.from(el.options)) o.selected = kept.includes(o.value);
    else el.value = kept[0];
    // Form libraries (conform) listen for these to update their state.
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

export function useKeepFormOnExpiry() {
  const location = useLocation();

  useEffect(() => {
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target;
      const s = storage();
      if (!s || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
      if (window.location.pathname === "/login") return;
      const values: [string, string][] = [];
      for (const el of keptFields(form)) {
        if (!el.name || el.disabled) continue;
        if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
          if (el.checked) values.push([el.name, el.value]);
        } else if (el instanceof HTMLSelectElement && el.multiple) {
          for (const o of Array.from(el.selectedOptions)) values.push([el.name, o.value]);
        } else values.push([el.name, el.value]);
      }
      const pending: Pending = {
        path: window.location.pathname + window.location.search,
        form: postForms().indexOf(form),
        values,
      };
      s.setItem(PENDING, JSON.stringify(pending));
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);

  useEffect(() => {
    const s = storage();
    if (!s) return;
    const raw = s.getItem(PENDING);
    if (!raw) return;
    let pending: Pending;
    try {
      pending = JSON.parse(raw) as Pending;
    } catch {
      s.removeItem(PENDING);
      return;
    }
    const here = location.pathname + location.search;
    const params = new URLSearchParams(location.search);
    if (location.pathname === "/login") {
      // Signed out under the form: remember to put the values back on the way in.
      if (params.get("reason") === "expired" && params.get("redirectTo") === pending.path)
        s.setItem(RESTORE, pending.path);
      return;
    }
    if (s.getItem(RESTORE) === here) restore(pending);
    s.removeItem(PENDING);
    s.removeItem(RESTORE);
  }, [location.key, location.pathname, location.search]);
}
