export const people = { vi: {}, en: {} } as const;
