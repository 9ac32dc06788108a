// The top of a page: an optional back link, the title with a line under it, and the page's links and buttons.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BackLink } from "./back-link";

/** A link drawn as a button; `primary` for the page's main action (one at most). */
export type HeaderLink = { to: string; label: string; primary?: boolean };

export function PageHeader({
  title,
  intro,
  back,
  links = [],
  actions,
}: {
  title: string;
  /** A line under the title (what the page is for, or what it is about). */
  intro?: ReactNode;
  back?: { to: string; label?: string };
  /** To the right of the title on a wide screen: the links, then any other actions. */
  links?: readonly HeaderLink[];
  actions?: ReactNode;
}) {
  return (
    <>
      {back ? <BackLink to={back.to} label={back.label} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {intro ? <p className="text-sm text-slate-600">{intro}</p> : null}
        </div>
        {links.length || actions ? (
          <div className="flex flex-wrap gap-2">
            {actions}
            {links.map((l) => (
              <Link key={l.to} to={l.to} className={l.primary ? "btn-primary" : "btn-secondary"}>
                {l.label}
              </Link>
            ))}
          </div>
        ) : null}
      </div>
    </>
  );
}
