// A short "browser on system" label for the sessions page, read from the User-Agent header. Pure and small on
// purpose: the page needs a recognisable name, not a full device database (no package for that).

export type DeviceKind = "phone" | "tablet" | "computer";
export type UserAgentInfo = { browser: string | null; os: string | null; kind: DeviceKind };

// Order matters: Edge, Opera, Samsung and Cốc Cốc all also say "Chrome"; Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/\d/, "Edge"],
  [/\b(?:OPR|Opera)\/\d/, "Opera"],
  [/\bcoc_coc_browser\/\d/i, "Cốc Cốc"],
  [/\bSamsungBrowser\/\d/, "Samsung Internet"],
  [/\bZalo(?:Theme)?\b/i, "Zalo"],
  [/\b(?:Firefox|FxiOS)\/\d/, "Firefox"],
  [/\b(?:Chrome|CriOS|Chromium)\/\d/, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\/\d/, "Safari"],
  [/\bMobile\/\w+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPod)\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  const text = (ua ?? "").slice(0, 512);
  const browser = BROWSERS.find(([re]) => re.test(text))?.[1] ?? null;
  const os = SYSTEMS.find(([re]) => re.test(text))?.[1] ?? null;
  const tablet = /\biPad\b|\bTablet\b/.test(text) || (/\bAndroid\b/.test(text) && !/\bMobile\b/.test(text));
  const phone = !tablet && /\bMobile\b|\biPhone\b|\bAndroid\b/.test(text);
  return { browser, os, kind: tablet ? "tablet" : phone ? "phone" : "computer" };
}
