// LDAP search filters built from what a person typed, without letting it change the filter (RFC 4515).

/**
 * Escapes a value for an LDAP filter assertion: `*` `(` `)` `\` and NUL become `\2a` `\28` `\29` `\5c` `\00`,
 * so `*)(uid=*` is a literal string to match, not a wildcard or a second condition.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The directory's filter template with every `{email}` replaced by the escaped address. */
export function searchFilterFor(template: string, email: string): string {
  // split/join, not String.replace: a `$&` in the value must stay literal.
  return template.split("{email}").join(escapeFilterValue(email));
}

// A plain mailbox address: no quoted local part, comments, IP literals or filter metacharacters.
const PLAIN_EMAIL =
  /^[a-z0-9!#$%&'+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/** Whether this is a plain address we may look up in a directory at all (checked before connecting). */
export function isPlainEmail(email: string): boolean {
  return email.length <= 254 && PLAIN_EMAIL.test(email);
}
