// A real IMAP server for tests: Debian's /usr/sbin/dovecot (dovecot-imapd) in the foreground with its own
// config file in a temp dir (no system config), one plaintext user in a passwd-file, a maildir in the temp dir,
// no TLS, on 127.0.0.1 at a free port. Returns null when dovecot is not installed (tests then say so and skip;
// .ci/run installs it and sets REQUIRE_DOVECOT=1, so there they fail instead).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { closerOf, killWithTestProcess } from "./child";
import { freePort, waitForPort } from "./net";

export const DOVECOT = "/usr/sbin/dovecot";

export type Dovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX, as PHISHING_REPORT_IMAP_URL takes it. */
  url: string;
  /** Stops the server (the port then refuses connections) and removes its files. Idempotent. */
  close(): Promise<void>;
};

export function dovecotAvailable(): boolean {
  const present = existsSync(DOVECOT);
  if (!present && process.env.REQUIRE_DOVECOT === "1") {
    throw new Error("REQUIRE_DOVECOT=1 but /usr/sbin/dovecot is missing: apt-get install dovecot-imapd");
  }
  return present;
}

/** uid/gid of a user from /etc/passwd, or null. */
function passwdEntry(name: string): { uid: number; gid: number } | null {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** The name of a group id from /etc/group (dovecot's settings take names), or the id itself. */
function groupName(gid: number): string {
  const line = readFileSync("/etc/group", "utf8")
    .split("\n")
    .find((l) => l.split(":")[2] === String(gid));
  return line?.split(":")[0] ?? String(gid);
}

export async function startDovecot(options: { user?: string } = {}): Promise<Dovecot | null> {
  if (!dovecotAvailable()) return null;
  const me = os.userInfo();
  // Dovecot refuses to run its login processes as root and to give mail access to uid 0: as root (CI), both
  // run as "nobody", which then must reach the maildir; as anyone else, everything runs as that user.
  const asRoot = me.uid === 0;
  const runAs = asRoot ? (passwdEntry("nobody") ?? { uid: 65534, gid: 65534 }) : { uid: me.uid, gid: me.gid };
  const loginUser = asRoot ? "nobody" : me.username;
  const dir = mkdtempSync(path.join(os.tmpdir(), "dovecot-"));
  const mailDir = path.join(dir, "mail");
  for (const sub of ["run", "state", "mail"]) mkdirSync(path.join(dir, sub));
  if (asRoot) {
    chmodSync(dir, 0o711);
    chownSync(mailDir, runAs.uid, runAs.gid);
  }
  const user = options.user ?? "bao-cao";
  const password = randomBytes(12).toString("hex");
  const usersFile = path.join(dir, "users");
  writeFileSync(usersFile, `${user}:{PLAIN}${password}\n`);
  const port = await freePort();
  const logFile = path.join(dir, "dovecot.log");
  const conf = `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${me.username}
default_internal_group = ${groupName(me.gid)}
default_login_user = ${loginUser}
first_valid_uid = ${Math.min(runAs.uid, 500)}
last_valid_uid = 0
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=${runAs.uid} gid=${runAs.gid} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
  const confFile = path.join(dir, "dovecot.conf");
  writeFileSync(confFile, conf);
  // -F keeps the master in the foreground (a child we can stop); its own processes exit with it.
  const child = spawn(DOVECOT, ["-F", "-c", confFile], { stdio: ["ignore", "ignore", "pipe"] });
  killWithTestProcess(child, "SIGTERM");
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  try {
    await waitForPort(port, child, "dovecot", 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr}\n${log}`);
  }
  const close = closerOf(child, {
    signal: "SIGTERM",
    graceMs: 5000,
    force: "SIGKILL",
    after: () => rmSync(dir, { recursive: true, force: true }),
  });
  const url = `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`;
  return { host: "127.0.0.1", port, user, password, url, close };
}
