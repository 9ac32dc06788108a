// The headings pages are built from: a page's title with its actions beside it, and a titled section with an
// optional action (a link to the whole list) beside its heading.
import type { ReactNode } from "react";

/** A page's title with its actions on the right ("Kế hoạch mới", "Xem chỉ tiêu"). */
export function PageHeading({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

/** A part of a page under its own heading; `card`: a boxed one, as on the account pages. */
export function Section({
  title,
  action,
  card = false,
  className = card ? "card space-y-3" : "space-y-3",
  children,
}: {
  title: ReactNode;
  /** Beside the heading, e.g. a link to the whole list. */
  action?: ReactNode;
  card?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const heading = <h2 className={card ? "font-semibold" : "text-lg font-semibold"}>{title}</h2>;
  return (
    <section className={className}>
      {action ? (
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
