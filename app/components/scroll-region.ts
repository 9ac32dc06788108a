// A wrapper that scrolls sideways (a wide table on a phone) must be reachable by keyboard, or its hidden
// columns are out of reach without a mouse (WCAG 2.1.1; axe "scrollable-region-focusable"). Spread on
// the wrapper: <div className="overflow-x-auto" {...scrollRegion(t("people.title"))}>. The focus ring
// comes from the [role="region"][tabindex] rule in tailwind.css.
export function scrollRegion(label: string) {
  return { role: "region", "aria-label": label, tabIndex: 0 } as const;
}
