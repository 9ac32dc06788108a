// The notice a redirect carried (app/utils/flash.server.ts), above the page's content.
import type { Flash } from "~/utils/flash.server";

const COLORS: Record<Flash["kind"], string> = {
  error: "border-red-300 bg-red-50 text-red-800",
  success: "border-green-300 bg-green-50 text-green-800",
  info: "border-sky-300 bg-sky-50 text-sky-800",
};

export function FlashBanner({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div role="status" className={`mb-4 rounded-md border px-4 py-3 text-sm ${COLORS[flash.kind]}`}>
      {flash.message}
    </div>
  );
}
