// A <details> menu that behaves like a menu on a phone: it closes when the page changes, when a link in it
// is followed, on a tap outside it and on Escape. Without JavaScript it still opens and closes by its summary.
import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function useDismissableMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();

  // Every navigation (links, redirects after a form, back/forward) closes it.
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);

  useEffect(() => {
    const close = () => {
      if (ref.current) ref.current.open = false;
    };
    const onPointerDown = (e: PointerEvent) => {
      const menu = ref.current;
      if (menu?.open && !menu.contains(e.target as Node)) close();
    };
    const onClick = (e: MouseEvent) => {
      // Followed a link inside: close now rather than when the next page's data has arrived.
      const menu = ref.current;
      if (menu?.open && e.target instanceof Element && e.target.closest("a") && menu.contains(e.target))
        close();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const menu = ref.current;
      if (e.key !== "Escape" || !menu?.open) return;
      close();
      menu.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return ref;
}
