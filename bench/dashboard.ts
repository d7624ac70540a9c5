// The dashboard at scale: 1,000,000 search events and 100,000 votes written through the real writer
// (so the rollups and the rewrites are the server's), then each report rendered through the app, signed in,
// as a browser would ask for it. Goal: every report under 200 ms, the suggestions page under 500 ms.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { Operators } from "../src/admin/operators.js";
import { loadContent } from "../src/content/load-content.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrate } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";
import { defaultContentDir, projectRoot } from "../src/paths.js";
import { createApp } from "../src/web/app/create-app.js";
import { generateAnalytics } from "./generate-analytics.js";
import { median } from "./http.js";

const SEARCHES = Number(process.env.BENCH_DASHBOARD_SEARCHES ?? 1_000_000);
const VOTES = Number(process.env.BENCH_DASHBOARD_VOTES ?? 100_000);
const PASSWORD = "measured reports passphrase";
/** Each page's goal: the reports 200 ms, the suggestions (mined from the rewrites on each load) 500 ms. */
const goalOf = (target: string) => (target.startsWith("/admin/suggestions") ? 500 : 200);

/** On SQLite, and on PostgreSQL too when BENCH_DATABASE_URL names an empty database. */
export async function runDashboardBenches(): Promise<string> {
  const sqlite = await runDashboardBench();
  const postgres = process.env.BENCH_DATABASE_URL;
  return postgres ? `${sqlite}\n\n${await runDashboardBench(postgres)}` : sqlite;
}

export async function runDashboardBench(databaseUrl?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-dashboard-"));
  const location = parseDatabaseUrl(databaseUrl ?? `sqlite:${path.join(dir, "dashboard.db")}`, projectRoot);
  const db = openDatabase(location);
  const server = createServer();
  try {
    await migrate(db, location.kind);
    const content = await loadContent(defaultContentDir);
    const filling = performance.now();
    await generateAnalytics(db, content, { searches: SEARCHES, votes: VOTES, days: 180 });
    const fillMs = performance.now() - filling;
    // PostgreSQL plans index-only scans from the visibility map and statistics that autovacuum keeps; after a
    // bulk load of this size that has not happened yet, so do now what it would do within minutes.
    if (location.kind === "postgres") await sql`vacuum analyze`.execute(db);
    await new Operators(db).add("operator", PASSWORD);
    server.on("request", createApp(content, { admin: { db }, search: { perMinute: 0 } }).handle);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const form = await fetch(`${origin}/admin/login`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const loginCookie = form.headers.get("set-cookie")?.split(";")[0] ?? "";
    const signedIn = await fetch(`${origin}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: loginCookie },
      body: new URLSearchParams({ _csrf: token, username: "operator", password: PASSWORD }),
    });
    const cookie =
      signedIn.headers
        .getSetCookie()
        .find((c) => c.startsWith("hc_admin="))
        ?.split(";")[0] ?? "";
    const rows: string[] = [];
    for (const target of [
      "/admin",
      "/admin?days=90",
      "/admin/no-results?days=90",
      "/admin/searches?days=90",
      "/admin/questions?days=90",
      "/admin/reports/searches.csv?days=90",
      "/admin/reports/questions.csv?days=90",
      "/admin/suggestions?days=90",
    ]) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        const res = await fetch(`${origin}${target}`, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        status = res.status;
        times.push(performance.now() - started);
      }
      const p50 = median(times);
      rows.push(
        `| \`${target}\` | ${status} | ${p50.toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms | < ${goalOf(target)} ms ${p50 < goalOf(target) && status === 200 ? "✓" : "✗"} |`,
      );
      console.error(rows.at(-1));
    }
    return [
      `${location.kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${SEARCHES.toLocaleString("en")} search events and ${VOTES.toLocaleString("en")} votes over 180 days, written through the real writer in ${(fillMs / 1000).toFixed(0)} s. Each report fetched 7 times over HTTP, signed in; median and slowest.`,
      "",
      "| report | status | median | slowest | goal |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  } finally {
    server.close();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
