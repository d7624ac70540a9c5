// `npm run bench [section …]`: search engine, HTTP against a raw baseline, the worst-case search,
// analytics and feedback, the dashboard at scale, scale, and the realistic mix at 10,000 entries; results to
// bench/RESULTS.md. Naming sections (engine, http, worst, analytics, dashboard, scale, mix, suggestions) reruns only those and keeps the others' last results,
// each with its own date line.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runAnalyticsBench } from "./analytics.js";
import { runDashboardBenches } from "./dashboard.js";
import { runHttpBench, runScaleBench } from "./http.js";
import { runMixBench } from "./mix.js";
import { runSearchEngineBench } from "./search-engine.js";
import { runSuggestionsBench } from "./suggestions.js";
import { runWorstSearchBench } from "./worst-search.js";

const RESULTS = path.join(import.meta.dirname, "RESULTS.md");
const SECTIONS = [
  { key: "engine", title: "Search engine", run: runSearchEngineBench },
  { key: "http", title: "HTTP: production build vs raw node:http baseline", run: runHttpBench },
  { key: "worst", title: "Worst-case search, uncached", run: runWorstSearchBench },
  { key: "analytics", title: "Analytics and feedback", run: runAnalyticsBench },
  { key: "dashboard", title: "Dashboard at scale", run: () => runDashboardBenches() },
  { key: "scale", title: "Scale", run: () => runScaleBench() },
  { key: "mix", title: "Realistic mix at 10,000 entries", run: runMixBench },
  { key: "suggestions", title: "Suggestions, simulated", run: runSuggestionsBench },
] as const;

const asked = process.argv.slice(2);
const unknown = asked.filter((key) => !SECTIONS.some((s) => s.key === key));
if (unknown.length > 0)
  throw new Error(`Unknown bench section ${unknown.join(", ")}: choose from ${SECTIONS.map((s) => s.key).join(", ")}.`);
const chosen = SECTIONS.filter((s) => asked.length === 0 || asked.includes(s.key));

execFileSync("npm", ["run", "build"], { stdio: "inherit" });
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
const stamp = `_Run on ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${machine}._`;

const previous = await readFile(RESULTS, "utf8").catch(() => "");
const sections = new Map(
  previous
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith("## "))
    .map((part) => [part.slice(3, part.indexOf("\n")).trim(), part.trimEnd()]),
);
for (const section of chosen) {
  console.error(`${section.title}…`);
  sections.set(section.title, `## ${section.title}\n\n${stamp}\n\n${await section.run()}`);
}
// Ours in a fixed order, then any other script's sections (the load test's) as they were.
const ours = SECTIONS.map((s) => sections.get(s.title)).filter((part): part is string => part !== undefined);
const others = [...sections].filter(([title]) => !SECTIONS.some((s) => s.title === title)).map(([, part]) => part);
const body = [
  "# Benchmark results",
  "",
  "Rerun with `npm run bench` (about fifteen minutes; `npm run bench -- http analytics` reruns only those sections). Shared, noisy machine: compare ratios within a run, not absolute numbers across runs.",
  "",
  ...[...ours, ...others].map((part) => `${part}\n`),
].join("\n");
await writeFile(RESULTS, body);
console.log(body);
