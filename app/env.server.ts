// Every environment variable the app reads, in one zod schema (CONVENTIONS 1). server.js calls checkEnv()
// at boot, so a bad value stops the start with the variable's name; everything else calls getEnv().
// Start-up errors are read by the operator in the server log, so they are in Vietnamese, not message keys.
import { z } from "zod";
import { DEFAULT_DAYS_BEFORE } from "~/modules/notifications/reminders";

/** Variables as the process (or a test) gives them: text or unset. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

/** "true"/"false" (also "1"/"0"), or the default when unset; `message` replaces zod's generic refusal. */
const flag = (fallback: boolean, message?: string) =>
  z
    .enum(["true", "false", "1", "0"], message ? { error: message } : undefined)
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL when set; otherwise the embedded PGlite database in PGLITE_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL phải là postgresql://...")
    .optional(),
  /**
   * A streaming replica of DATABASE_URL for reports, dashboards and exports (docs/decisions/014); unset =
   * every read goes to DATABASE_URL. Ignored (with a message) on the embedded PGlite database.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL phải là postgresql://...")
    .optional(),
  /** After a write, how long that browser's reports wait for the replica to have replayed it (else primary). */
  READ_YOUR_WRITES_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** A directory, or memory:// for a database that lives as long as the process. */
  PGLITE_DIR: z.string().default("data/pglite"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DB_LOG_QUERIES: flag(false),
  /** 0 asks the system for a free port; server.js prints the one it got. */
  PORT: z.coerce.number().int().nonnegative().default(3000),
  /** Public origin(s) accepted by the Origin check, comma-separated; the first is the base of emailed links. */
  APP_ORIGIN: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(/^https?:\/\/[^/\s]+\/?$/, "APP_ORIGIN: mỗi nguồn dạng https://tên-miền")),
    ),
  /**
   * Serving processes in production on PostgreSQL (server/primary.js); unset = one per core. The embedded
   * PGlite database and development always run one process.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** How long a stopping process may take to finish its requests and jobs before it is cut off. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  /** Behind a reverse proxy: believe its X-Forwarded-* headers. */
  TRUST_PROXY: flag(false),
  /** Unset: Secure cookies in production only. "false" allows plain-HTTP cookies behind a trusted TLS proxy. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  LOG_REQUESTS: flag(true),
  /**
   * gzip answers in the app. "false" when a reverse proxy (nginx, the province's gateway) compresses them:
   * then the app does not spend its CPU on it.
   */
  COMPRESSION: flag(true),
  /** The sign-in configuration file (YAML or JSON); unset = passwords only. */
  AUTH_CONFIG: optionalText,
  /**
   * The mail side of the scheduler (docs/decisions/005): due-date reminders, escalations, new-assignment
   * digests and the delivery of the email outbox. "false" stops only these, not JOBS_ENABLED's upkeep.
   */
  REMINDERS_ENABLED: flag(true, "REMINDERS_ENABLED phải là true hoặc false (hoặc 1, 0)"),
  /**
   * The scheduler's hourly upkeep: housekeeping (stale import previews, expired sessions, old login
   * attempts), the figures watermark and the month-end target snapshots. "false" only where another
   * process of the installation keeps it on: without the watermark, the targets' live reads correct for
   * every completion expired since, a correction that grows by the day (docs/decisions/014).
   */
  JOBS_ENABLED: flag(true, "JOBS_ENABLED phải là true hoặc false (hoặc 1, 0)"),
  REMINDER_DAYS_BEFORE: z
    .string()
    .trim()
    .regex(
      /^\d{1,3}(\s*,\s*\d{1,3})*$/,
      "REMINDER_DAYS_BEFORE phải là các số ngày cách nhau bởi dấu phẩy, ví dụ 7,1",
    )
    .transform((s) => [...new Set(s.split(",").map((d) => Number(d.trim())))].filter((d) => d > 0))
    .default(() => [...DEFAULT_DAYS_BEFORE]),
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Emails per minute at most (all servers together); unset = only the per-tick limit (10 batches of 50). */
  OUTBOX_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  MAIL_FROM: optionalText,
  /** Unset: sending is off and emails stay PENDING in the outbox. */
  SMTP_HOST: optionalText,
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SMTP_SECURE: flag(false),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: z.string().optional(),
  /** One SMTP connection reused for a batch; "false" opens one per email. */
  SMTP_POOL: flag(true),
  /**
   * How long a process reuses a drill campaign's per-agency counts (results page, file, dashboard targets):
   * figures are at most this old; 0 = read them on every request (tests that click and then read at once).
   */
  PHISHING_RESULTS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * The "Báo cáo thư đáng ngờ" mailbox, polled on each scheduler tick: imap://user:password@host:port/MAILBOX
   * (imaps:// for TLS; user and password URL-encoded; mailbox default INBOX). Unset = no polling.
   */
  PHISHING_REPORT_IMAP_URL: z
    .string()
    .trim()
    .regex(
      /^imaps?:\/\/[^/\s]+/,
      "PHISHING_REPORT_IMAP_URL phải là imap://tài-khoản:mật-khẩu@máy:cổng/HỘP-THƯ",
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The address people forward suspicious mail to (the mailbox above), shown on the report page. */
  PHISHING_REPORT_ADDRESS: z
    .string()
    .trim()
    .email("PHISHING_REPORT_ADDRESS phải là một địa chỉ thư")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * Phishing drills: "false" is the installation-wide kill switch, like the admin's "Dừng khẩn cấp" on
   * /admin/phishing: nothing is queued and PENDING drill emails are withdrawn.
   */
  PHISHING_ENABLED: flag(true, "PHISHING_ENABLED phải là true hoặc false (hoặc 1, 0)"),
  /**
   * The province's official mail domains a phishing drill may send to, comma-separated; subdomains are
   * included ("langson.gov.vn" also covers "sotc.langson.gov.vn"). Unset: planning a drill is refused in
   * production, and uses the demo data's domain (langson.gov.vn) in development and test. Sending checks
   * every address against the same list.
   */
  PHISHING_ALLOWED_DOMAINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^[a-z0-9-]+(\.[a-z0-9-]+)+$/,
            "PHISHING_ALLOWED_DOMAINS: các tên miền cách nhau bởi dấu phẩy, ví dụ langson.gov.vn",
          ),
      ),
    ),
  /** Opens the e2e fixtures route (/__e2e/fixtures) to requests carrying it; set only by the e2e servers. */
  E2E_FIXTURES_TOKEN: z.string().min(32).optional(),
});

export type Env = z.infer<typeof schema>;
const NAMES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Parses a set of variables (process.env or a test's own); throws one message naming each bad variable. */
export function parseEnv(raw: RawEnv): Env {
  const parsed = schema.safeParse(raw, { error: z.locales.vi().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Biến môi trường không hợp lệ:\n${problems}`);
  }
  return parsed.data;
}

let cached: { key: string; env: Env } | undefined;

/**
 * The parsed environment. Parsed once; parsed again only when one of its variables changed (tests and
 * benchmarks switch DATABASE_URL or NODE_ENV between cases), which a comparison of ~20 strings tells.
 */
export function getEnv(): Env {
  const key = NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/** Called by server.js before anything else: a bad variable stops the start with its name. */
export function checkEnv(): Env {
  return getEnv();
}

/** Variables given (a test's own set) or the process's, parsed. */
export function envOf(raw?: RawEnv): Env {
  return raw ? parseEnv(raw) : getEnv();
}

/**
 * One variable by a name the deployment chooses: AUTH_CONFIG may say `${LDAP_PASSWORD}` for a secret, and
 * only the configuration knows those names, so they cannot be in the schema above.
 */
export function configVariable(name: string): string | undefined {
  return process.env[name];
}

/** The public base of links (emails, certificates): the first APP_ORIGIN, else the request's own origin. */
export function publicOrigin(request: Request): string {
  return getEnv().APP_ORIGIN[0]?.replace(/\/+$/, "") || new URL(request.url).origin;
}
