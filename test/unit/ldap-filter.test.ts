import { describe, expect, it } from "vitest";
import { escapeFilterValue, isPlainEmail, searchFilterFor } from "~/modules/auth/ldap-filter";

describe("LDAP filter escaping (RFC 4515)", () => {
  it("escapes the five special characters and nothing else", () => {
    expect(escapeFilterValue("*")).toBe("\\2a");
    expect(escapeFilterValue("(")).toBe("\\28");
    expect(escapeFilterValue(")")).toBe("\\29");
    expect(escapeFilterValue("\\")).toBe("\\5c");
    expect(escapeFilterValue("\0")).toBe("\\00");
    expect(escapeFilterValue("*)(uid=*")).toBe("\\2a\\29\\28uid=\\2a");
    // An escaped backslash is not escaped twice into something else.
    expect(escapeFilterValue("\\2a")).toBe("\\5c2a");
    expect(escapeFilterValue("nhung.nth+tap-huan@mail.langson.gov.vn")).toBe(
      "nhung.nth+tap-huan@mail.langson.gov.vn",
    );
    expect(escapeFilterValue("Nguyễn Thị Hồng Nhung")).toBe("Nguyễn Thị Hồng Nhung");
  });

  it("fills every {email} in the template, keeping $ patterns literal", () => {
    expect(searchFilterFor("(&(objectClass=zimbraAccount)(mail={email}))", "a*@b.vn")).toBe(
      "(&(objectClass=zimbraAccount)(mail=a\\2a@b.vn))",
    );
    expect(searchFilterFor("(|(mail={email})(zimbraMailAlias={email}))", "x@y.vn")).toBe(
      "(|(mail=x@y.vn)(zimbraMailAlias=x@y.vn))",
    );
    expect(searchFilterFor("(mail={email})", "$&$'@y.vn")).toBe("(mail=$&$'@y.vn)");
  });

  it("accepts plain addresses only", () => {
    for (const ok of ["nhung.nth@mail.langson.gov.vn", "a+b@x.vn", "o'neil@x.vn", "A.B@X.VN"])
      expect(isPlainEmail(ok), ok).toBe(true);
    for (const bad of [
      "*@mail.langson.gov.vn",
      "*)(uid=*)@x.vn",
      "a(b)@x.vn",
      "a\\2a@x.vn",
      "a\0@x.vn",
      "a@x.vn\0",
      "*",
      "a@b",
      "a@-x.vn",
      '"a b"@x.vn',
      "a@[127.0.0.1]",
      "a..b@x.vn",
      ".a@x.vn",
      "a @x.vn",
      "",
      `${"a".repeat(250)}@x.vn`,
    ])
      expect(isPlainEmail(bad), JSON.stringify(bad)).toBe(false);
  });
});
