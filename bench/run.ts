// `npm run bench`: search engine, HTTP against a raw baseline, and scale; results to bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runHttpBench, runScaleBench } from "./http.js";
import { runAnalyticsBench } from "./analytics.js";
import { runDashboardBench } from "./dashboard.js";
import { runSearchEngineBench } from "./search-engine.js";

const RESULTS = path.join(import.meta.dirname, "RESULTS.md");

execFileSync("npm", ["run", "build"], { stdio: "inherit" });
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
const header = `Run on ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${machine}. Shared, noisy machine: compare ratios within a run, not absolute numbers across runs.`;

console.error("search engine…");
const engine = await runSearchEngineBench();
console.error("HTTP vs baseline…");
const http = await runHttpBench();
console.error("analytics and feedback…");
const analytics = await runAnalyticsBench();
console.error("dashboard at 1,000,000 searches…");
const dashboard = await runDashboardBench();
console.error("scale…");
const scale = await runScaleBench();

// Keep sections other scripts own (e.g. the load test's) as they are.
const previous = await readFile(RESULTS, "utf8").catch(() => "");
const others = previous.split(/^(?=## )/m).filter((section) => /^## /.test(section) && !/^## (Search engine|HTTP|Analytics and feedback|Dashboard at scale|Scale)\b/.test(section));
const body = [
  "# Benchmark results",
  "",
  "Rerun with `npm run bench` (about five minutes). " + header,
  "",
  "## Search engine",
  "",
  engine,
  "",
  "## HTTP: production build vs raw node:http baseline",
  "",
  http,
  "",
  "## Analytics and feedback",
  "",
  analytics,
  "",
  "## Dashboard at scale",
  "",
  dashboard,
  "",
  "## Scale",
  "",
  scale,
  "",
  ...others.map((section) => section.trimEnd() + "\n"),
].join("\n");
await writeFile(RESULTS, body);
console.log(body);
