// Ids from the client are checked for shape before any query: a malformed id is a 404 (or a field error),
// never a database error. Generic helpers, shared by every module.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === "string" && UUID_PATTERN.test(s);
