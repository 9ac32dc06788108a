// Demo plans and targets (the real targets of the Lạng Sơn 2022 plan), demo completions and snapshots.
// Idempotent. Filled in by the targets work (issue 5).
export async function seedTargets(): Promise<string> {
  return "";
}
