// The crawl (issue 10): for each role, at 1280 px and 390 px, every page reachable from the navigation
// and one page of each kind linked from there (a person, an assignment, an offering, a lesson…). On each:
// no 4xx/5xx and no script error, axe-core finds no serious or critical WCAG 2.1 A/AA violation, and every
// download on the page is clicked and the file opened with a reader of its format. Problems are collected
// and reported together at the end, so one run lists them all.
//
// Nothing here names a page: pages come from the header's links and the links on the pages themselves, so a
// page added later is crawled as soon as something links to it. "One of each kind": a link is followed only
// when its path has a shape not seen yet (ids, numbers and slugs replaced), so 30 people cost one visit.
// Each role is a fresh account in its own agency with a "world" around it (fixtures: people, an assignment
// due and one overdue, a drill with a roster, a certificate, a plan), so every kind of page has something.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Locator, Page, Response } from "@playwright/test";
import { fileProblem, kindOf } from "./files";
import { shot } from "./helpers";
import { type FixtureClient, expect, test } from "./support/fixtures";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const MAX_PAGES = 80; // per role: a guard against a crawl that never ends, far above today's ~30
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Best-practice rules (outside the WCAG tags, rated "minor") that issue 10 still counts as failures: a
// column of buttons needs a header a screen reader can name.
const ALSO_FAIL = ["empty-table-header"];
// Links that change state or leave the app; never followed (logout and language are POST forms today,
// these guard against a GET link to them), and the e2e fixtures route (its loader answers 404 anyway).
const SKIP = [/^\/logout/, /^\/lang/, /^\/login/, /^\/__e2e\//];
// Anything a page offers as a file: among its links and buttons (shown or not), those that carry
// data-download="<kind>" (every download in the app) and the file links that forgot it (by their href).
const controls = (page: Page): Locator =>
  page.getByRole("link", { includeHidden: true }).or(page.getByRole("button", { includeHidden: true }));
// Pages worth a look in the report, by path shape (whole page on the desktop, the first screen on a phone).
const SCREENSHOTS: Record<string, string> = {
  "/people/import": "crawl-people-import",
  "/assignments/:id": "crawl-assignment-progress",
  "/targets": "crawl-targets",
  "/admin/audit": "crawl-admin-audit",
  "/offerings/:id": "crawl-offering",
};

type Problem = { role: string; width: string; page: string; what: string };
type Violation = { role: string; width: string; page: string; rule: string; impact: string; target: string };

/** A path with its variable parts replaced: /people/9f…e2 → /people/:id, /courses/attt-co-ban/lessons/2 → … */
function pathShape(pathname: string): string {
  return (
    pathname
      .split("/")
      .map((seg) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg)
          ? ":id"
          : /^\d+$/.test(seg)
            ? ":n"
            : /[-\d]|[A-Z]/.test(seg) || seg.length > 24
              ? ":slug"
              : seg,
      )
      .join("/")
      .replace(/\/$/, "") || "/"
  );
}

function isDownloadHref(href: string) {
  return /\.(xlsx|csv|pdf|ics)(\?|$)/i.test(href) || /export/i.test(href) || /\/ics(\?|$)/.test(href);
}

/** Same-origin links in `scope` (the banner, main), as path+query, without downloads and skipped paths. */
async function linksIn(page: Page, scope: "banner" | "main"): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page
    .getByRole(scope)
    .getByRole("link", { includeHidden: true })
    .evaluateAll((as) =>
      as
        .filter((a) => !a.hasAttribute("data-download") && !a.hasAttribute("download"))
        .map((a) => (a as HTMLAnchorElement).href),
    );
  const out = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    const path = url.pathname + url.search;
    if (SKIP.some((r) => r.test(url.pathname)) || isDownloadHref(path)) continue;
    out.add(path);
  }
  return [...out];
}

class Crawl {
  problems: Problem[] = [];
  violations: Violation[] = [];
  downloaded = new Map<string, string>(); // download key → file name, once per role
  constructor(readonly role: string) {}

  problem(width: string, page: string, what: string) {
    this.problems.push({ role: this.role, width, page, what });
  }

  /** Opens `path`, records bad responses and script errors, runs axe; false when the page did not load. */
  async visit(page: Page, width: string, path: string): Promise<boolean> {
    const bad: string[] = [];
    const onResponse = (r: Response) => {
      const u = new URL(r.url());
      if (u.origin === new URL(page.url() || "http://x").origin && r.status() >= 400)
        bad.push(`${r.status()} ${r.request().method()} ${u.pathname}${u.search}`);
    };
    const onError = (e: Error) => bad.push(`script error: ${e.message.split("\n")[0]}`);
    page.on("response", onResponse);
    page.on("pageerror", onError);
    try {
      const res = await page.goto(path, { waitUntil: "load" });
      if (!res) bad.push("no response");
      else if (res.status() >= 400) bad.push(`document answered ${res.status()}`);
      if (new URL(page.url()).pathname.startsWith("/login")) bad.push("sent to the login page");
    } catch (e) {
      bad.push(`navigation failed: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      page.off("response", onResponse);
      page.off("pageerror", onError);
    }
    // Several copies of one failure (the document and its data request) read as one line.
    for (const b of new Set(bad)) this.problem(width, path, b);
    if (bad.some((b) => b.startsWith("document") || b.startsWith("navigation") || b === "no response"))
      return false;
    await this.axe(page, width, path);
    const name = SCREENSHOTS[pathShape(new URL(page.url()).pathname)];
    if (name)
      await page.screenshot({
        path: shot(`${name}-${this.role.toLowerCase()}-${width}`),
        fullPage: width === "desktop",
      });
    return true;
  }

  async axe(page: Page, width: string, path: string) {
    try {
      const result = await new AxeBuilder({ page })
        // A sandboxed frame shows a drill email as the recipient gets it (not the app's own markup), and
        // axe-playwright cannot run in one: it fails with "Failed to open a new tab" and closes the page.
        .exclude("iframe[sandbox]")
        .options({
          // Only violations are read: skipping the detail of passing checks keeps each page's audit short.
          resultTypes: ["violations"],
          rules: Object.fromEntries(ALSO_FAIL.map((id) => [id, { enabled: true }])),
        })
        .withTags(AXE_TAGS)
        .analyze();
      for (const v of result.violations) {
        if (v.impact !== "serious" && v.impact !== "critical" && !ALSO_FAIL.includes(v.id)) continue;
        for (const node of v.nodes)
          this.violations.push({
            role: this.role,
            width,
            page: path,
            rule: v.id,
            impact: v.impact ?? "minor",
            target: node.target.join(" "),
          });
      }
    } catch (e) {
      this.problem(width, path, `axe could not run: ${(e as Error).message.split("\n")[0]}`);
    }
  }

  /** Clicks every download on the page not yet downloaded by this role and opens the file. */
  async downloads(page: Page, width: string, path: string) {
    const found = await controls(page).evaluateAll((els) =>
      els
        .map((el, index) => {
          const a = el as HTMLAnchorElement;
          const form = (el as HTMLButtonElement).form;
          const href = el.tagName === "A" ? a.href : "";
          const file =
            el.hasAttribute("data-download") ||
            el.hasAttribute("download") ||
            /\.(xlsx|csv|pdf|ics)|export/i.test(href);
          return {
            file,
            index,
            key: href || `${form?.action ?? location.href} ${el.getAttribute("data-download")}`,
            kind: el.getAttribute("data-download"),
            label: (el.textContent ?? "").trim().slice(0, 40),
          };
        })
        .filter((d) => d.file),
    );
    const here = page.url();
    for (const { key, kind, label, index } of found) {
      if (this.downloaded.has(key)) continue;
      this.downloaded.set(key, "");
      const where = `${path} → "${label}" (${new URL(key.split(" ")[0]).pathname})`;
      if (page.url() !== here) await page.goto(here);
      const el = controls(page).nth(index);
      const download = page.waitForEvent("download", { timeout: 30_000 }).catch(() => null);
      // A route that answers HTML instead of a file shows as a navigation of the page.
      const navigated = page
        .waitForEvent("framenavigated", { predicate: (f) => f === page.mainFrame(), timeout: 30_000 })
        .then(() => "navigated" as const)
        .catch(() => null);
      // A download hidden at this width (in a closed menu, a desktop-only toolbar) is clicked by script.
      if (await el.isVisible()) await el.click();
      else await el.evaluate((e) => (e as HTMLElement).click());
      const first = await Promise.race([download, navigated]);
      if (first === "navigated" || first === null) {
        this.problem(width, where, first ? `opened a page (${page.url()}) instead of a file` : "no download");
        continue;
      }
      const fileName = first.suggestedFilename();
      this.downloaded.set(key, fileName);
      const fileKind = kindOf(fileName);
      if (!fileKind) {
        this.problem(width, where, `file "${fileName}" is of no known kind`);
        continue;
      }
      // data-download="xlsx" declares the type; a bare data-download (value "" or "true") only marks a file.
      if (kind && kindOf(`x.${kind}`) && kind !== fileKind)
        this.problem(width, where, `data-download="${kind}" but got "${fileName}"`);
      const failure = (await first.failure()) ?? (await fileProblem((await first.path())!, fileKind));
      if (failure) this.problem(width, where, `${fileName}: ${failure}`);
    }
  }

  report(): string {
    const lines: string[] = [];
    if (this.problems.length) {
      lines.push(`${this.problems.length} problem(s):`);
      for (const p of this.problems) lines.push(`  [${p.role} ${p.width}] ${p.page}: ${p.what}`);
    }
    if (this.violations.length) {
      lines.push(
        `${this.violations.length} accessibility violation(s) (serious or critical, and empty table headers):`,
      );
      const rows = this.violations.map((v) => [
        `${v.role} ${v.width}`,
        v.page,
        `${v.rule} (${v.impact})`,
        v.target,
      ]);
      const widths = [0, 1, 2].map((c) => Math.min(60, Math.max(...rows.map((r) => r[c].length), 4)));
      const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s.padEnd(n));
      lines.push(`  ${pad("who", widths[0])}  ${pad("page", widths[1])}  ${pad("rule", widths[2])}  target`);
      for (const r of rows)
        lines.push(`  ${pad(r[0], widths[0])}  ${pad(r[1], widths[1])}  ${pad(r[2], widths[2])}  ${r[3]}`);
    }
    return lines.join("\n");
  }
}

/**
 * Breadth-first from the home page and the header's links; each new path shape is visited once. Returns
 * the paths visited, so the other width visits the same pages (and whatever only it shows).
 */
async function crawlWidth(crawl: Crawl, page: Page, width: string, seed: string[]) {
  const seen = new Set<string>();
  const queue: string[] = [];
  const enqueue = (paths: string[]) => {
    for (const p of paths) {
      const shape = pathShape(new URL(p, "http://x").pathname);
      if (seen.has(shape)) continue;
      seen.add(shape);
      queue.push(p);
    }
  };
  enqueue(["/", ...seed]);
  const visited: string[] = [];
  while (queue.length) {
    if (visited.length >= MAX_PAGES) {
      crawl.problem(width, queue[0], `more than ${MAX_PAGES} kinds of page: crawl stopped`);
      break;
    }
    const path = queue.shift()!;
    visited.push(path);
    if (!(await crawl.visit(page, width, path))) continue;
    // The header (desktop nav and the menu, open or not) and the page's own links.
    enqueue(await linksIn(page, "banner"));
    enqueue(await linksIn(page, "main"));
    await crawl.downloads(page, width, path);
  }
  return visited;
}

const ROLES = ["ADMIN", "COORDINATOR", "PHISHING_MANAGER", "REVIEWER", "LEARNER"] as const;

/**
 * A browser context signed in as a fresh account of `role` (in its own agency, with its world), and the
 * world's own pages to start from: other offerings and assignments (the seeded ones, other tests') would
 * otherwise stand for their kind, and only the organiser's offering page offers the roster downloads.
 */
async function signedIn(browser: Browser, baseURL: string, fixtures: FixtureClient, role: string) {
  const account = await fixtures.account({ role: role as (typeof ROLES)[number] });
  const world = await fixtures.world(account);
  const context: BrowserContext = await browser.newContext({
    viewport: { width: WIDTHS[0].width, height: WIDTHS[0].height },
  });
  await context.addCookies([{ ...account.cookie!, url: baseURL }]);
  const staff = role === "COORDINATOR" || role === "ADMIN";
  const drills = role === "PHISHING_MANAGER" || role === "ADMIN";
  const seed = [
    `/offerings/${world.offering.id}`,
    ...(staff ? [`/assignments/${world.assignmentIds.due}`] : []),
    // The world's drill: its page for those who run drills, its results for everyone who may read them.
    ...(drills ? [`/phishing/${world.campaignId}`] : []),
    ...(role === "LEARNER" ? [] : [`/phishing/${world.campaignId}/results`]),
  ];
  return { context, seed };
}

test.describe("crawl every page as each role, at 1280 px and 390 px", () => {
  for (const role of ROLES) {
    test(`${role}: pages load, pass axe, and every download gives a file`, async ({
      browser,
      baseURL,
      fixtures,
    }) => {
      test.setTimeout(15 * 60_000);
      const crawl = new Crawl(role);
      const { context: desktop, seed: start } = await signedIn(browser, baseURL!, fixtures, role);
      const state = await desktop.storageState();
      let seed = start;
      for (const w of WIDTHS) {
        const context =
          w === WIDTHS[0]
            ? desktop
            : await browser.newContext({
                viewport: { width: w.width, height: w.height },
                storageState: state,
              });
        const page = await context.newPage();
        seed = await crawlWidth(crawl, page, w.name, seed);
        console.log(`${role} ${w.name}: ${seed.join(" ")}`);
        await context.close();
      }
      const report = crawl.report();
      if (report) console.log(`\n${report}\n`);
      console.log(
        `${role}: ${seed.length} page kinds × ${WIDTHS.length} widths; downloads: ${[...crawl.downloaded.values()].join(", ") || "none"}`,
      );
      expect(report, report).toBe("");
    });
  }

  // The personal feed's link appears only after the learner asks for one (a POST the crawl never sends).
  test("LEARNER: the personal calendar feed downloads as an .ics file", async ({
    browser,
    baseURL,
    fixtures,
  }) => {
    const { context } = await signedIn(browser, baseURL!, fixtures, "LEARNER");
    const page = await context.newPage();
    await page.goto("/calendar");
    await page.getByRole("button", { name: "Tạo đường dẫn lịch" }).click();
    await expect(page.getByRole("link", { name: "Tải tệp lịch (.ics)" })).toBeVisible();
    const crawl = new Crawl("LEARNER");
    await crawl.downloads(page, "desktop", "/calendar");
    expect([...crawl.downloaded.values()]).toEqual(["lich-hoc-attt.ics"]);
    expect(crawl.report(), crawl.report()).toBe("");
    await context.close();
  });
});

// The one page the role crawls never see: the login page, signed out, at both widths.
test("signed out: the login page loads without errors and passes axe at 1280 px and 390 px", async ({
  browser,
}) => {
  const crawl = new Crawl("SIGNED-OUT");
  for (const w of WIDTHS) {
    const context = await browser.newContext({ viewport: { width: w.width, height: w.height } });
    const page = await context.newPage();
    page.on("pageerror", (e) => crawl.problem(w.name, "/login", `script error: ${e.message.split("\n")[0]}`));
    const res = await page.goto("/login?notice=logged-out");
    if (res?.status() !== 200) crawl.problem(w.name, "/login", `document answered ${res?.status()}`);
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
    await crawl.axe(page, w.name, "/login");
    await context.close();
  }
  expect(crawl.report(), crawl.report()).toBe("");
});
