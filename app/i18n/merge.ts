// One dictionary from the per-domain files: each file holds { vi, en } for its own keys.
type Dictionary = {
  readonly vi: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
};
type Both<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The files' vi texts in one object and their en texts in another; each key keeps its own file's type. */
export function mergeDictionaries<const T extends readonly Dictionary[]>(
  ...parts: T
): { vi: Both<T[number]["vi"]>; en: Both<T[number]["en"]> } {
  return {
    vi: Object.assign({}, ...parts.map((p) => p.vi)),
    en: Object.assign({}, ...parts.map((p) => p.en)),
  };
}
