// Agency <option> labels indented by depth below the top of the caller's scope (not the province root).
export function indentedAgencyOptions(options: { id: string; name: string; depth: number }[]) {
  const top = options.reduce((min, o) => Math.min(min, o.depth), Number.POSITIVE_INFINITY);
  return options.map((o) => ({ id: o.id, label: `${"— ".repeat(o.depth - top)}${o.name}` }));
}
