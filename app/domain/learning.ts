// The course and lesson pages' forms, shared by their components and actions (permissions:
// app/modules/learning/intents.ts). Isomorphic and pure.
import { z } from "zod";
import { UUID_PATTERN } from "~/utils/uuid";

/** The course page: start (or resume) the quiz, or start a recertification. */
export const courseIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("renew") }),
]);

const lessonId = z.string().regex(UUID_PATTERN);

/** A lesson page: mark it read, or remember how far down it was read (0–1, sent in the background). */
export const lessonIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("done"), lessonId }),
  z.object({ intent: z.literal("position"), lessonId, position: z.coerce.number().min(0).max(1) }),
]);
