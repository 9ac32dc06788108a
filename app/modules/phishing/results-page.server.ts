// What /phishing/<id>/results shows: the campaign's totals and, like the targets dashboard, the agencies
// under one agency (breadcrumb, own staff first, drill-down), sortable by phish-prone %, searchable without
// diacritics, paged. Built from campaignResults; only the rows of the page reach the browser.
import type { Actor } from "~/modules/auth/scope";
import { ancestry } from "~/modules/targets/figures";
import { foldVietnamese } from "~/utils/text";
import { isUuid } from "~/utils/uuid";
import { campaignResults } from "./results.server";
import type { DrillFigure } from "~/domain/phishing-results";
import type { ResultsQuery, ResultsSort } from "./results-query";

export type ResultsRow = {
  id: string;
  name: string;
  /** The focus agency's own recipients (not its subtree). */
  ownOnly: boolean;
  /** Has agencies below it to drill into. */
  drill: boolean;
  figure: DrillFigure;
};

/** Highest rate first (the agencies to look at); agencies with nothing delivered last; then tree order. */
function sortRows(rows: (ResultsRow & { position: number })[], sort: ResultsSort) {
  if (sort === "tree") return rows;
  const key = (f: DrillFigure) => (sort === "prone" ? f.pronePercent : f.reportPercent);
  return [...rows].sort((x, y) => {
    if (x.ownOnly !== y.ownOnly) return x.ownOnly ? -1 : 1;
    const px = key(x.figure);
    const py = key(y.figure);
    if (px === null || py === null)
      return (px === null ? 1 : 0) - (py === null ? 1 : 0) || x.position - y.position;
    // Report rate: lowest first (those who report least); phish-prone: highest first.
    return (sort === "prone" ? py - px : px - py) || x.position - y.position;
  });
}

export async function resultsPage(actor: Actor, campaignId: string, query: ResultsQuery) {
  const r = await campaignResults(actor, campaignId);
  const byId = new Map(r.agencies.map((a) => [a.id, a]));
  const hasChildren = new Set(r.agencies.map((a) => a.parentId).filter((p): p is string => !!p));
  const focusId =
    query.agency && isUuid(query.agency) && byId.has(query.agency)
      ? query.agency
      : r.tops.length === 1
        ? r.tops[0]!
        : null;
  const fig = (id: string) => r.figures.get(id)!;
  let rows: (ResultsRow & { position: number })[];
  const words = foldVietnamese(query.q).split(" ").filter(Boolean);
  if (words.length) {
    rows = r.agencies
      .filter((a) => {
        const text = foldVietnamese(`${a.code} ${a.name}`);
        return words.every((w) => text.includes(w));
      })
      .map((a) => ({
        id: a.id,
        name: a.name,
        ownOnly: false,
        drill: hasChildren.has(a.id),
        figure: fig(a.id).subtree,
        position: a.position,
      }));
  } else {
    const under = focusId
      ? r.agencies.filter((a) => a.parentId === focusId)
      : r.tops.map((id) => byId.get(id)!);
    rows = under.map((a) => ({
      id: a.id,
      name: a.name,
      ownOnly: false,
      drill: hasChildren.has(a.id),
      figure: fig(a.id).subtree,
      position: a.position,
    }));
    const focus = focusId ? byId.get(focusId) : undefined;
    if (focus && fig(focus.id).own.recipients > 0)
      rows.unshift({
        id: focus.id,
        name: focus.name,
        ownOnly: true,
        drill: false,
        figure: fig(focus.id).own,
        position: -1,
      });
  }
  const sorted = sortRows(rows, query.sort);
  const start = (query.page - 1) * query.pageSize;
  const pageRows = sorted.slice(start, start + query.pageSize).map(({ position: _, ...row }) => row);
  const breadcrumb = focusId
    ? ancestry({ agencies: r.agencies }, focusId).map((a) => ({ id: a.id, name: a.name }))
    : [];
  return {
    campaign: r.campaign,
    total: r.total,
    focus: focusId ? { id: focusId, name: byId.get(focusId)!.name, figure: fig(focusId).subtree } : null,
    breadcrumb,
    rows: pageRows,
    totalRows: sorted.length,
    query,
  };
}
