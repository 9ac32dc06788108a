// `node scripts/cpu-profile-top.mjs <file.cpuprofile>… [--top 25] [--grep text] [--skip-ms 0]`: where a V8 CPU
// profile (node --cpu-prof, BENCH_CPU_PROF of bench:quiz) spends its time. Several files are summed (the workers
// of one server). Prints the share of self time per package or app directory, then the functions with the
// most self time and the most inclusive time (a function counted once per sample even when recursive).
// --grep keeps only the inclusive list's functions whose name or file contains the text; --skip-ms drops each
// profile's first milliseconds (the start-up). Wall-clock samples: on a busy machine syscalls (writev) and
// preemption weigh more than their CPU.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const TOP = Number(opt("--top", 25));
const GREP = opt("--grep", null);
const SKIP_US = Number(opt("--skip-ms", 0)) * 1000;
if (!args.length) {
  console.error(
    "usage: node scripts/cpu-profile-top.mjs <file.cpuprofile>… [--top 25] [--grep text] [--skip-ms 0]",
  );
  process.exit(2);
}

const self = new Map();
const total = new Map();
const byArea = new Map();
let all = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);

/** node_modules/<package> (scoped too), app/<dir>, node:<builtin>, or the V8 pseudo-frames. */
function area(url) {
  if (!url) return "(native / V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url;
  const app = url.match(/\/(build|app|server)\/(.*)$/);
  return app ? `${app[1]}/${app[2].split("/")[0]}` : url;
}

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url
      ? `${f.url.replace(/^.*\/(node_modules|build|app|server)\//, "$1/")}:${f.lineNumber + 1}`
      : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const dt = profile.timeDeltas;
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += dt[i] ?? 0;
    if (elapsed < SKIP_US) return;
    const us = dt[i + 1] ?? dt[i] ?? 0;
    const n = nodes.get(id);
    all += us;
    add(self, label(n), us);
    add(byArea, area(n.callFrame.url), us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(nodes.get(cur));
      if (!seen.has(l)) {
        seen.add(l);
        add(total, l, us);
      }
    }
  });
}

const pct = (us) => `${((100 * us) / all).toFixed(1).padStart(5)}%`;
const show = (title, m, filter = () => true) => {
  console.log(`\n${title}`);
  [...m]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .forEach(([k, us]) => console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`));
};
console.log(`${args.length} profile(s), ${(all / 1000).toFixed(0)} ms sampled`);
show("Self time by package / app directory:", byArea);
show("Self time by function:", self);
show("Inclusive time by function:", total, (k) => !GREP || k.includes(GREP));
