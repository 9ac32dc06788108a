// A real OpenLDAP server for tests: Debian's /usr/sbin/slapd run as the current user in a temp dir, with a
// generated slapd.conf (mdb backend), a Zimbra-like tree loaded by slapadd from a generated LDIF, a read-only
// service account, and optionally ldaps:// (plus StartTLS on ldap://) with a self-signed certificate made by
// openssl. Returns null when slapd is not installed (tests then say so and skip; .ci/run installs it).
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closerOf, killWithTestProcess } from "./child";
import { freePort, waitForPort } from "./net";

export const SLAPD = "/usr/sbin/slapd";
const SLAPADD = "/usr/sbin/slapadd";

export type DirectoryEntry = {
  uid: string;
  /** Full name, e.g. "Nguyễn Thị Hồng Nhung" (UTF-8; written base64 in the LDIF). */
  cn: string;
  /** One or more addresses (aliases). */
  mail: string | string[];
  password: string;
  /** Staff code (mã cán bộ), in inetOrgPerson's employeeNumber. */
  employeeNumber?: string;
  /** The organizational unit under the suffix; default "people". */
  ou?: string;
  /** Name the entry by its cn (as Active Directory does: "CN=Nguyễn Văn A,OU=…") instead of its uid. */
  rdn?: "uid" | "cn";
};

export type SlapdOptions = {
  entries: DirectoryEntry[];
  suffix?: string;
  /** Also listen on ldaps:// and allow StartTLS, with a self-signed certificate (caFile). */
  tls?: boolean;
  /**
   * Accept an "unauthenticated bind" (a DN with an empty password, RFC 4513 5.1.2) as anonymous success, as
   * some directories (Active Directory among them) do — so a test can show the app never sends one.
   */
  allowUnauthenticatedBind?: boolean;
};

export type Slapd = {
  url: string;
  /** ldaps://127.0.0.1:<port> when tls was asked for. */
  ldapsUrl?: string;
  /** The self-signed certificate (its own CA) when tls was asked for. */
  caFile?: string;
  bindDn: string;
  bindPassword: string;
  suffix: string;
  searchBase: string;
  /** The DN of an entry by uid (under its ou). */
  dnOf(uid: string): string;
  /** Stops the server (the port then refuses connections) and removes its files. Idempotent. */
  close(): Promise<void>;
};

export function slapdAvailable(): boolean {
  const present = existsSync(SLAPD) && existsSync(SLAPADD);
  // .ci/run installs slapd and sets REQUIRE_SLAPD: there the LDAP tests must run, never skip.
  if (!present && process.env.REQUIRE_SLAPD === "1") {
    throw new Error(
      "REQUIRE_SLAPD=1 but /usr/sbin/slapd or slapadd is missing: apt-get install slapd ldap-utils",
    );
  }
  return present;
}

/** {SSHA}: base64(SHA-1(password + salt) + salt), which slapd verifies natively. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash("sha1").update(password, "utf8").update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString("base64")}`;
}

/** An LDIF line; values that are not plain ASCII (Vietnamese names) are written base64 ("attr:: …"). */
function line(attr: string, value: string): string {
  return /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value)
    ? `${attr}: ${value}`
    : `${attr}:: ${Buffer.from(value, "utf8").toString("base64")}`;
}

/** An attribute value inside a DN (RFC 4514): `, + " \\ < > ;` escaped, and a leading `#` or space. */
function escapeDnValue(value: string): string {
  return value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^[# ]/, (c) => `\\${c}`);
}

export async function startSlapd(options: SlapdOptions): Promise<Slapd | null> {
  if (!slapdAvailable()) return null;
  const suffix = options.suffix ?? "dc=langson,dc=gov,dc=vn";
  const dir = mkdtempSync(path.join(os.tmpdir(), "slapd-"));
  const dbDir = path.join(dir, "db");
  mkdirSync(dbDir);
  const bindDn = `uid=hoc-attt-doc,ou=services,${suffix}`;
  const bindPassword = randomBytes(12).toString("hex");
  const rootPassword = randomBytes(12).toString("hex");
  const dnOf = (uid: string) => {
    const entry = options.entries.find((e) => e.uid === uid);
    const rdn = entry?.rdn === "cn" ? `cn=${escapeDnValue(entry.cn)}` : `uid=${escapeDnValue(uid)}`;
    return `${rdn},ou=${entry?.ou ?? "people"},${suffix}`;
  };

  let tlsLines = "";
  let caFile: string | undefined;
  if (options.tls) {
    caFile = path.join(dir, "cert.pem");
    const keyFile = path.join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        caFile,
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
      ],
      { stdio: "ignore" },
    );
    tlsLines = `TLSCertificateFile ${caFile}\nTLSCertificateKeyFile ${keyFile}\n`;
  }

  const dc = suffix.split(",")[0].split("=")[1];
  const ous = [...new Set(["people", "services", ...options.entries.map((e) => e.ou ?? "people")])];
  const ldif = [
    [
      `dn: ${suffix}`,
      "objectClass: top",
      "objectClass: dcObject",
      "objectClass: organization",
      `dc: ${dc}`,
      "o: Test",
    ],
    ...ous.map((ou) => [`dn: ou=${ou},${suffix}`, "objectClass: organizationalUnit", `ou: ${ou}`]),
    [
      `dn: ${bindDn}`,
      "objectClass: account",
      "objectClass: simpleSecurityObject",
      "uid: hoc-attt-doc",
      `userPassword: ${sshaHash(bindPassword)}`,
    ],
    ...options.entries.map((e) => {
      const names = e.cn.trim().split(/\s+/);
      return [
        line("dn", dnOf(e.uid)),
        "objectClass: inetOrgPerson",
        `uid: ${e.uid}`,
        line("cn", e.cn),
        line("sn", names[0]),
        line("givenName", names.at(-1) ?? e.cn),
        ...[e.mail].flat().map((m) => line("mail", m)),
        ...(e.employeeNumber ? [line("employeeNumber", e.employeeNumber)] : []),
        `userPassword: ${sshaHash(e.password)}`,
      ];
    }),
  ]
    .map((lines) => lines.join("\n"))
    .join("\n\n");
  const ldifFile = path.join(dir, "accounts.ldif");
  writeFileSync(ldifFile, `${ldif}\n`);

  const conf = `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
${options.allowUnauthenticatedBind ? "allow bind_anon_dn\n" : ""}${tlsLines}
database mdb
maxsize 16777216
suffix "${suffix}"
rootdn "cn=admin,${suffix}"
rootpw ${sshaHash(rootPassword)}
directory ${dbDir}
index objectClass,uid,mail eq
# Passwords: only usable to bind. Everything else: the read-only service account reads, nobody else does.
access to attrs=userPassword by anonymous auth by * none
access to * by dn.exact="${bindDn}" read by self read by * none
`;
  const confFile = path.join(dir, "slapd.conf");
  writeFileSync(confFile, conf);
  execFileSync(SLAPADD, ["-q", "-f", confFile, "-l", ldifFile], { stdio: ["ignore", "ignore", "pipe"] });

  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : undefined;
  const listen = [`${url}/`, ...(ldapsUrl ? [`${ldapsUrl}/`] : [])].join(" ");
  // -d keeps slapd in the foreground (a child we can stop); level 0 logs nothing but fatal errors.
  const child = spawn(SLAPD, ["-d", "0", "-f", confFile, "-h", listen], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  killWithTestProcess(child, "SIGKILL");
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  try {
    await waitForPort(port, child, "slapd", 10_000);
    if (tlsPort) await waitForPort(tlsPort, child, "slapd", 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }

  const close = closerOf(child, {
    signal: "SIGTERM",
    graceMs: 5000,
    force: "SIGKILL",
    after: () => rmSync(dir, { recursive: true, force: true }),
  });

  return {
    url,
    ldapsUrl,
    caFile,
    bindDn,
    bindPassword,
    suffix,
    searchBase: `ou=people,${suffix}`,
    dnOf,
    close,
  };
}
