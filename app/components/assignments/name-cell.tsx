// The first cell of a people table: the name (a link when `to` is given) and, on a phone, the columns that
// are hidden there, one small line each.
import { Link } from "@remix-run/react";

const HIDDEN_FROM = { sm: "sm:hidden", md: "md:hidden" } as const;

export function NameCell({
  name,
  to,
  phoneLines,
  phoneUpTo,
}: {
  name: string;
  to?: string;
  /** What the hidden columns say, in their order. */
  phoneLines: (string | null | undefined)[];
  /** The breakpoint from which those columns show (and the lines go). */
  phoneUpTo: keyof typeof HIDDEN_FROM;
}) {
  return (
    <td className="px-3 py-2">
      {to ? (
        <Link to={to} className="font-medium text-red-800 hover:underline">
          {name}
        </Link>
      ) : (
        <span className="font-medium">{name}</span>
      )}
      {phoneLines.map((line, i) =>
        line ? (
          <span key={i} className={`block text-xs text-slate-600 ${HIDDEN_FROM[phoneUpTo]}`}>
            {line}
          </span>
        ) : null,
      )}
    </td>
  );
}
