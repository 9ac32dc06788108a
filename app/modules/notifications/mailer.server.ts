// SMTP delivery from the environment. Without SMTP_HOST sending is disabled: emails stay PENDING in the outbox.
import nodemailer from "nodemailer";
import { envOf, type RawEnv } from "~/env.server";

export const DEFAULT_MAIL_FROM = "Học ATTT <no-reply@localhost>";

export type MailMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
};

/** What the outbox needs from a transport; a nodemailer Transporter fits as is. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
}

export function mailFrom(raw?: RawEnv): string {
  return envOf(raw).MAIL_FROM ?? DEFAULT_MAIL_FROM;
}

let disabledLogged = false;

/** A nodemailer SMTP transport configured from SMTP_* variables, or null (logged once) when SMTP_HOST is unset. */
export function createTransportFromEnv(raw?: RawEnv): MailTransport | null {
  const env = envOf(raw);
  const host = env.SMTP_HOST;
  if (!host) {
    if (!disabledLogged) {
      disabledLogged = true;
      console.warn(
        "[mail] SMTP_HOST chưa được cấu hình: email được giữ trong hàng đợi (PENDING), không gửi đi.",
      );
    }
    return null;
  }
  const secure = env.SMTP_SECURE;
  const port = env.SMTP_PORT ?? (secure ? 465 : 587);
  const user = env.SMTP_USER;
  return nodemailer.createTransport({
    // One SMTP connection reused for a batch instead of one per email: 185 vs 9 emails/s to a loopback
    // server on this machine (npm run bench:invite). SMTP_POOL=false goes back to a connection per email.
    pool: env.SMTP_POOL,
    host,
    port,
    secure,
    auth: user ? { user, pass: env.SMTP_PASSWORD ?? "" } : undefined,
  });
}
