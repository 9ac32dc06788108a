// Demo classes and drills for IT specialists. Idempotent. Filled in by the scheduling work (issue 6).
export async function seedOfferings(): Promise<string> {
  return "";
}
