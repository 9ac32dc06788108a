// How many processes serve: WEB_CONCURRENCY (default: every core) workers in production on PostgreSQL;
// one process with the embedded database (a single process owns data/pglite: decision 001) and in
// development (the build watcher reloads one process).

/**
 * @param {{ NODE_ENV: string, DATABASE_URL?: string, WEB_CONCURRENCY?: number }} env the parsed environment
 * @param {number} cores
 * @returns {{ workers: number, clustered: boolean, note: string | null }}
 */
export function processPlan(env, cores) {
  const asked = env.WEB_CONCURRENCY;
  if (!env.DATABASE_URL) {
    const note =
      asked && asked > 1
        ? `WEB_CONCURRENCY=${asked}: chạy một tiến trình vì CSDL nhúng (PGlite) chỉ một tiến trình được mở; ` +
          "đặt DATABASE_URL=postgresql://… để phục vụ bằng nhiều tiến trình."
        : null;
    return { workers: 1, clustered: false, note };
  }
  if (env.NODE_ENV === "development") {
    const note =
      asked && asked > 1
        ? `WEB_CONCURRENCY=${asked}: chế độ phát triển chạy một tiến trình (nạp lại bản build).`
        : null;
    return { workers: 1, clustered: false, note };
  }
  return { workers: asked ?? Math.max(1, cores), clustered: true, note: null };
}
