// `node scripts/cpuprofile-summary.mjs <file.cpuprofile> [top] [inclusiveTop]` (SKIP_MS=<ms> drops the first ms, e.g.
// the start-up): self time by package and by function, then inclusive time, from a `node --cpu-prof` profile.
// Wall-clock samples: on a busy machine syscalls (writev) and preemption weigh more than their CPU.
import { readFileSync } from "node:fs";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] ?? 40);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const skip = Number(process.env.SKIP_MS ?? 0) * 1000;
let t = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  const dt = prof.timeDeltas[i] ?? 0;
  t += dt;
  if (t < skip) continue;
  self.set(id, (self.get(id) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const pkg = (url) => {
  if (!url) return "(native/vm)";
  const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node:";
  if (url.includes("/build/")) return "app build";
  return url.replace(/^file:\/\//, "");
};
const agg = (keyf) => {
  const m = new Map();
  for (const [id, t] of self) {
    const n = byId.get(id);
    const k = keyf(n.callFrame);
    m.set(k, (m.get(k) ?? 0) + t);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
};
const pr = (title, rows, n) => {
  console.log(`\n== ${title}`);
  for (const [k, t] of rows.slice(0, n))
    console.log(
      `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
};
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
pr(
  "by package",
  agg((c) => pkg(c.url)),
  25,
);
pr(
  "by function",
  agg((c) => `${c.functionName || "(anon)"} ${pkg(c.url)}:${c.lineNumber}`),
  top,
);
// inclusive time by package-entry frames of interest
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of self) {
  const seen = new Set();
  let cur = id;
  while (cur !== undefined) {
    const n = byId.get(cur);
    const k = `${n.callFrame.functionName || "(anon)"} ${pkg(n.callFrame.url)}:${n.callFrame.lineNumber}`;
    if (!seen.has(k)) {
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
    cur = parent.get(cur);
  }
}
pr(
  "inclusive",
  [...incl].sort((a, b) => b[1] - a[1]),
  Number(process.argv[4] ?? 60),
);
