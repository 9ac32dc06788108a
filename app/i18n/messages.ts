// Server and validation messages (domain errors, zod field errors, flash notices, page titles), one file
// per domain under ./errors so that the pages' own dictionaries stay as they are.
import { common } from "./errors/common";

export const messages = {
  vi: {
    ...common.vi,
  },
  en: {
    ...common.en,
  } satisfies Record<keyof typeof common.vi, string>,
};
