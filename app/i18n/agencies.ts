export const agencies = { vi: {}, en: {} } as const;
