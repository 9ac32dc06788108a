// The migration engine connects with the settings of DATABASE_URL as separate fields: TLS settings must survive.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pgConfigFromUrl } from "../../scripts/lib/schema-engine.ts";

const dir = mkdtempSync(path.join(tmpdir(), "hoc-ssl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pgConfigFromUrl", () => {
  it("keeps host, port, user, password and database, decoded", () => {
    expect(pgConfigFromUrl("postgresql://hoc:b%C3%AD%40m%E1%BA%ADt@db.tinh.gov.vn:6543/hoc")).toMatchObject({
      host: "db.tinh.gov.vn",
      port: 6543,
      user: "hoc",
      password: "bí@mật",
      database: "hoc",
    });
  });

  it("falls back to the defaults of the old config (port 5432, user and database postgres)", () => {
    expect(pgConfigFromUrl("postgresql://127.0.0.1/")).toMatchObject({
      host: "127.0.0.1",
      port: 5432,
      user: "postgres",
      password: undefined,
      database: "postgres",
    });
  });

  it("keeps sslmode: require encrypts, no-verify does not check the certificate, disable turns TLS off", () => {
    expect(pgConfigFromUrl("postgresql://u:p@db/hoc?sslmode=require").ssl).toBeTruthy();
    expect(pgConfigFromUrl("postgresql://u:p@db/hoc?sslmode=no-verify").ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(pgConfigFromUrl("postgresql://u:p@db/hoc?ssl=true").ssl).toBe(true);
    expect(pgConfigFromUrl("postgresql://u:p@db/hoc?sslmode=disable").ssl).toBe(false);
  });

  it("reads the certificate files a URL names (sslrootcert, sslcert, sslkey), as pg does for the app", () => {
    for (const [file, text] of [
      ["ca.pem", "CA"],
      ["client.pem", "CERT"],
      ["client.key", "KEY"],
    ])
      writeFileSync(path.join(dir, file), text);
    const q = new URLSearchParams({
      sslmode: "verify-full",
      sslrootcert: path.join(dir, "ca.pem"),
      sslcert: path.join(dir, "client.pem"),
      sslkey: path.join(dir, "client.key"),
      application_name: "hoc-migrate",
    });
    const config = pgConfigFromUrl(`postgresql://u:p@db/hoc?${q}`);
    expect(config.ssl).toMatchObject({ ca: "CA", cert: "CERT", key: "KEY" });
    expect(config.application_name).toBe("hoc-migrate");
  });
});
