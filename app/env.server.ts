import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL phải là postgresql://...")
    .optional(),
  PGLITE_DIR: z.string().default("data/pglite"),
  /** 0 asks the system for a free port; server.js prints the one it got. */
  PORT: z.coerce.number().int().nonnegative().default(3000),
  /** Public origin(s) accepted by the Origin check, comma-separated; defaults to the request's own host. */
  APP_ORIGIN: z.string().optional(),
  /** Set to "false" to allow plain-HTTP cookies in production behind a trusted TLS proxy test. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Opens the e2e fixtures route (/__e2e/fixtures) to requests carrying it; set only by the e2e servers. */
  E2E_FIXTURES_TOKEN: z.string().min(32).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Biến môi trường không hợp lệ:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
