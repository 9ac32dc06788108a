import type { z } from "zod";
import { type Locale, type MessageKey, type MessageParams, type MessageRef, translate } from "~/i18n";
import { issueRef } from "./forms";

export type DomainErrorOptions = { params?: MessageParams; status?: number; field?: string };

/**
 * A rule of the domain was broken by the request. It carries a message key and its values; the route
 * renders it in the caller's locale (domainErrorData). `message` is the Vietnamese text, for logs.
 */
export class DomainError extends Error {
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly status: number;
  readonly field?: string;

  constructor(key: MessageKey, { params = {}, status = 400, field }: DomainErrorOptions = {}) {
    super(translate("vi", key, params));
    this.name = "DomainError";
    this.key = key;
    this.params = params;
    this.status = status;
    this.field = field;
  }

  /** A zod issue of a service's own validation, as a field error with the schema's message key. */
  static fromIssue(issue: z.core.$ZodIssue, options: Omit<DomainErrorOptions, "params"> = {}): DomainError {
    const ref = issueRef(issue);
    return new DomainError(ref.key, { ...options, params: ref.params });
  }

  /** The error as a message a caller can nest in another one ("Không thể đổi lịch: {reason}"). */
  get ref(): MessageRef {
    return { key: this.key, params: this.params };
  }

  render(locale: Locale): string {
    return translate(locale, this.key, this.params);
  }
}
