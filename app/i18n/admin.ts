export const admin = { vi: {}, en: {} } as const;
