// The pure parts of TOTP: RFC 6238's test vector, the ±1 step window, the key URI, recovery code format.
import { generateTOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import {
  formatSecret,
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  isTotpCode,
  matchingStep,
  normalizeRecoveryCode,
  totpCodeAt,
  totpKeyUri,
  totpStep,
} from "~/modules/auth/two-factor";

// RFC 6238 appendix B, SHA-1 key "12345678901234567890": at 59 s the 8-digit code is 94287082 (6 digits: 287082).
const RFC_KEY = new TextEncoder().encode("12345678901234567890");

describe("TOTP codes", () => {
  it("match RFC 6238's SHA-1 test vector and @oslojs/otp's own generateTOTP", () => {
    expect(totpCodeAt(RFC_KEY, totpStep(59_000))).toBe("287082");
    expect(totpCodeAt(RFC_KEY, totpStep(1_111_111_109_000))).toBe("081804");
    const key = generateTotpKey();
    expect(totpCodeAt(key, totpStep())).toBe(generateTOTP(key, 30, 6));
  });

  it("accept the current step and one either side, no further; say which step", () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(matchingStep(RFC_KEY, totpCodeAt(RFC_KEY, step), now)).toBe(step);
    expect(matchingStep(RFC_KEY, totpCodeAt(RFC_KEY, step - 1), now)).toBe(step - 1);
    expect(matchingStep(RFC_KEY, totpCodeAt(RFC_KEY, step + 1), now)).toBe(step + 1);
    expect(matchingStep(RFC_KEY, totpCodeAt(RFC_KEY, step - 2), now)).toBeNull();
    expect(matchingStep(RFC_KEY, totpCodeAt(RFC_KEY, step + 2), now)).toBeNull();
    const spaced = totpCodeAt(RFC_KEY, step).replace(/^(\d{3})/, "$1 ");
    expect(matchingStep(RFC_KEY, spaced, now)).toBe(step);
    expect(matchingStep(RFC_KEY, "12345", now)).toBeNull();
    expect(matchingStep(RFC_KEY, "abcdef", now)).toBeNull();
  });

  it("give authenticator apps a 30-s, 6-digit, SHA-1 otpauth URI and a readable secret", () => {
    const uri = new URL(totpKeyUri("an@langson.gov.vn", RFC_KEY));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(uri.searchParams.get("secret")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(formatSecret(RFC_KEY)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct xxxxx-xxxxx codes without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it("hash the same however they are typed, and are never taken for an app code", () => {
    expect(normalizeRecoveryCode(" ABCDE-fghjk ")).toBe("abcdefghjk");
    expect(hashRecoveryCode("abcde-fghjk")).toBe(hashRecoveryCode("ABCDE FGHJK"));
    expect(hashRecoveryCode("abcde-fghjk")).not.toBe(hashRecoveryCode("abcde-fghjm"));
    expect(hashRecoveryCode("abcde-fghjk")).toMatch(/^[0-9a-f]{64}$/);
    expect(isTotpCode("123 456")).toBe(true);
    expect(isTotpCode("abcde-fghjk")).toBe(false);
  });
});
