// A link to a file (a resource route). `reloadDocument` makes the browser fetch it itself: the client
// router would otherwise try to render the file as a page. `data-download` names the expected file type,
// so the e2e crawl finds every download on a page and checks what comes back.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type DownloadKind = "xlsx" | "csv" | "pdf" | "ics" | "txt";

export function DownloadLink({
  href,
  kind,
  className,
  children,
}: {
  href: string;
  kind: DownloadKind;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link to={href} reloadDocument data-download={kind} className={className}>
      {children}
    </Link>
  );
}
