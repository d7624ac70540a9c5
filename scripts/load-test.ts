// `npm run test:load`: 50 connections for 20 s over a mix of routes against the production build on
// 127.0.0.1 (rate limit off). Fails on any error, timeout or 5xx; figures go to bench/RESULTS.md.
import { execFileSync, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startArguments } from "./start-command.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "bench/RESULTS.md");
const PORT = 3411;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);

const paths = [
  "/",
  "/categories/hp-account",
  "/categories/access-errors",
  "/questions/ae01",
  "/questions/forgot-password",
  `/search?q=${encodeURIComponent("パスワード 忘れた")}`,
  `/api/search?q=${encodeURIComponent("確認コードが届かない")}`,
  "/api/search?q=AE03",
  "/errors/ae1",
  "/no-such-page",
  "/healthz",
];

execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
const server = spawn(process.execPath, startArguments(), {
  cwd: ROOT,
  env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", SEARCH_RATE_LIMIT: "0" },
  stdio: "inherit",
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) break;
    } catch {
      if (i > 300) throw new Error("server did not start");
      await sleep(20);
    }
  }
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: 50,
    duration: SECONDS,
    requests: paths.map((p) => ({ method: "GET", path: p })),
  });
  const fiveXx = result["5xx"];
  const ok = result.errors === 0 && result.timeouts === 0 && fiveXx === 0;
  const section = [
    "## Load test",
    "",
    `\`npm run test:load\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}: 50 connections for ${SECONDS} s cycling over ${paths.length} routes (pages, search page, API, redirect, 404, health) on 127.0.0.1, rate limit off.`,
    "",
    "| requests | req/s (mean) | latency p50 / p99 (ms) | 2xx | 3xx | 4xx | 5xx | errors | timeouts |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} / ${result.latency.p99} | ${result["2xx"]} | ${result["3xx"]} | ${result["4xx"]} | ${fiveXx} | ${result.errors} | ${result.timeouts} |`,
    "",
  ].join("\n");
  const previous = await readFile(RESULTS, "utf8").catch(() => "# Benchmark results\n\n");
  const kept = previous.replace(/^## Load test[\s\S]*?(?=^## |(?![\s\S]))/m, "").trimEnd();
  await writeFile(RESULTS, `${kept}\n\n${section}`);
  console.log(section);
  if (!ok) {
    console.error("Load test failed: errors, timeouts or 5xx responses.");
    process.exitCode = 1;
  }
} finally {
  server.kill();
}
