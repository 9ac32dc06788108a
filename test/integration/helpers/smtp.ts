// A real SMTP server on loopback (smtp-server) and a small reader for the single-part messages nodemailer writes;
// the HTML part of a multipart message (a drill email) is read with mailparser.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { MailTransport } from "~/modules/notifications/mailer.server";

export type Received = {
  to: string[];
  subject: string;
  text: string;
  /** The From header, decoded. */
  from?: string;
  /** Every header of the message, by lower-case name (unfolded, encoded words decoded). */
  headers?: Record<string, string>;
  /** The whole message as received, with quoted-printable soft breaks and escapes decoded. */
  raw?: string;
  /** The HTML part, decoded (mailparser), when the message has one. */
  html?: string;
};

function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQp(data.replace(/_/g, " ")),
    );
}
function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
export function parseMessage(raw: string, to: string[]): Received {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split("\r\n")
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? "";
  const cte = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    cte === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : cte === "quoted-printable"
        ? decodeQp(body)
        : body;
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return {
    to,
    subject: decodeWords(header("Subject")),
    text: text.replace(/\r\n/g, "\n"),
    from: decodeWords(header("From")),
    headers,
    raw: decodeQp(raw),
  };
}

export type TestSmtp = {
  inbox: Received[];
  port: number;
  transport(): MailTransport;
  close(): Promise<void>;
};

/** Starts an SMTP server on 127.0.0.1 (random port) that records every message it receives. */
export async function startSmtp(options: { onMessage?: (m: Received) => void } = {}): Promise<TestSmtp> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const source = Buffer.concat(chunks);
        const message = parseMessage(source.toString("utf8"), to);
        simpleParser(source)
          .then((parsed) => {
            if (typeof parsed.html === "string") message.html = parsed.html;
          })
          .catch(() => undefined)
          .finally(() => {
            inbox.push(message);
            options.onMessage?.(message);
            cb();
          });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    inbox,
    port,
    transport: () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
