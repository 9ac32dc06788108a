// The <option>s of a select over a list of { id, label } (agencies, courses): one way to write them.
export type Option = { id: string; label: string };

export function Options({ items }: { items: readonly Option[] }) {
  return items.map((o) => (
    <option key={o.id} value={o.id}>
      {o.label}
    </option>
  ));
}
