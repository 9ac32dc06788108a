// `npm run bench:bundle [-- --build]`: the JavaScript each learner page makes the browser load, in KB gzip
// (the entry, root and the page's route modules with every chunk they import, each counted once), read from
// the last `remix build`'s manifest in public/build. Also names the chunks that hold zod (the schema library
// belongs on the server; a page that needs none should not ship it). `--build` runs `remix build` first.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PAGES = [
  { name: "learner home", routes: ["routes/learn"] },
  { name: "catalog", routes: ["routes/courses._index"] },
  { name: "course", routes: ["routes/courses.$code._index"] },
  { name: "lesson", routes: ["routes/courses.$code.lessons.$position"] },
  { name: "quiz", routes: ["routes/attempts.$attemptId"] },
  { name: "dashboard", routes: ["routes/targets._index"] },
];

type Entry = { module: string; imports?: string[] };
type Manifest = { entry: Entry; routes: Record<string, Entry & { parentId?: string }> };

if (process.argv.includes("--build"))
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });

const buildDir = path.join(root, "public/build");
const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("no public/build/manifest-*.js: run `npx remix build` first");
const source = readFileSync(path.join(buildDir, manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;

const file = (url: string) => path.join(root, "public", url);
const sizes = new Map<string, { raw: number; gzip: number; zod: boolean }>();
function size(url: string) {
  let s = sizes.get(url);
  if (!s) {
    const text = readFileSync(file(url));
    // zod v4's core names its classes "$ZodType", "$ZodError"…; v3 throws "ZodError".
    const zod = /\$ZodType|class ZodError|"ZodError"/.test(text.toString("utf8"));
    s = { raw: text.length, gzip: gzipSync(text, { level: 6 }).length, zod };
    sizes.set(url, s);
  }
  return s;
}

/** Every module a page loads: the entry, then each route from root down to the page, with their imports. */
function modulesOf(routeIds: string[]): string[] {
  const chain: string[] = [];
  for (const id of routeIds) {
    for (let r: string | undefined = id; r; r = manifest.routes[r]?.parentId) chain.unshift(r);
  }
  const all = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of new Set(chain)) {
    const r = manifest.routes[id];
    if (!r) throw new Error(`route ${id} is not in the manifest`);
    all.add(r.module);
    for (const i of r.imports ?? []) all.add(i);
  }
  return [...all];
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
console.log(`JavaScript per page (${manifestFile}), KB gzip (raw):`);
for (const page of PAGES) {
  const mods = modulesOf(page.routes);
  const total = mods.reduce((t, m) => ({ raw: t.raw + size(m).raw, gzip: t.gzip + size(m).gzip }), {
    raw: 0,
    gzip: 0,
  });
  const zod = mods.filter((m) => size(m).zod);
  const zodGzip = zod.reduce((t, m) => t + size(m).gzip, 0);
  console.log(
    `  ${page.name.padEnd(13)} ${kb(total.gzip)} KB (${kb(total.raw).trim()} KB) in ${String(mods.length).padStart(2)} files` +
      `  zod: ${zod.length ? `${zod.length} chunk(s), ${kb(zodGzip).trim()} KB gzip (${zod.map((m) => path.basename(m)).join(", ")})` : "none"}`,
  );
}
