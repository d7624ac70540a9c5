import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sources = readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.split(path.sep).join("/"))
  .sort();

/**
 * Source files with no unit test at their mirror path, and the suite that covers them instead. Kept short
 * on purpose: a new module gets its own test, or a line here saying where it is tested and why.
 */
const COVERED_ELSEWHERE: Record<string, string> = {
  // Types and re-exports only: nothing runs.
  "content/types.ts": "",
  "web/pages/view-contract.ts": "",
  "search/index.ts": "",
  "paths.ts": "",
  "db/schema.ts": "",
  "ops/log-levels.ts": "",
  "web/pages/site-name.ts": "",
  // The logger is tested where its behaviour shows: lines per request, and a stuck or closed stdout.
  "ops/logger.ts": "routes/ops.test.ts",
  // Counting shows in what is stored after real requests (HEAD, prefetch, bots, the per-client limit).
  "web/app/answer-views.ts": "web/app/contact-routes.test.ts",
  // Which pages carry a notice, and how, shows in the pages themselves, served while notices are in force.
  "web/notices/notice-views.ts": "web/app/notice-admin.test.ts",
  "web/notices/noticed-pages.ts": "web/app/notice-admin.test.ts",
  // Every kind of trust (none, hops, list) is tested through the address it yields; config.test.ts the bad entry.
  "ops/trust-proxy.ts": "web/http/client-address.test.ts",
  // The rules for a vote, tested through both routes that use them (JSON and the plain form).
  "web/app/vote-intake.ts": "web/app/feedback-routes.test.ts",
  // The writer thread's entry runs only as a thread: ThreadSink's suite drives it.
  "analytics/writer-thread.ts": "analytics/thread-sink.test.ts",
  "web/search/index-worker.ts": "web/search/index-thread.test.ts",
  "db/sqlite-thread-worker.ts": "db/sqlite-thread.test.ts",
  // Starts both threads above; their suites run under tsx, the path that needs it.
  "ops/start-worker.ts": "analytics/thread-sink.test.ts",
  // Shared limits: the hub in memory is tested with the limiter; the cluster's through real workers.
  "limits/memory-hub.ts": "limits/shared-limiter.test.ts",
  "limits/cluster-hub.ts": "server-limits.test.ts",
  // The driver for Node 22.13+ and 24: the contract suite runs on it there (CI's Node 24 step).
  "db/node-sqlite.ts": "analytics/analytics-store.test.ts",
  "feedback/reasons.ts": "feedback/feedback-request.test.ts",
  "admin/common-passwords.ts": "admin/passwords.test.ts",
  // One suite for the dashboard's database-backed state, on every engine.
  "admin/operators.ts": "admin/sessions.test.ts",
  "admin/throttle.ts": "admin/sessions.test.ts",
  // Internals of loadContent, tested through it with real files.
  "content/content-error.ts": "content/load-content.test.ts",
  "content/schema.ts": "content/load-content.test.ts",
  "content/validate-front-matter.ts": "content/load-content.test.ts",
  // The engine's ranking and snippets, tested together on the bundled FAQ and small corpora.
  "search/codes.ts": "search/search.test.ts",
  "search/rank.ts": "search/search.test.ts",
  "search/snippet.ts": "search/search.test.ts",
  "search/vocabulary.ts": "search/suggest.test.ts",
  "search/colloquial.ts": "search/negation-and-particles.test.ts",
  "search/negation.ts": "search/negation-and-particles.test.ts",
  // Entry points and wiring, tested by the behaviour they produce.
  "dev.ts": "content/watch-content.test.ts",
  "browser/static-search.ts": "scripts/export-site.test.ts",
  // The page script runs only in a browser: the real-browser suite drives each part as a reader does.
  "browser/copy-link.ts": "browser/site.test.ts",
  "browser/search-as-you-type.ts": "browser/site.test.ts",
  "browser/result-list.ts": "browser/export.test.ts",
  "browser/beacon.ts": "browser/feedback.test.ts",
  "browser/feedback-widget.ts": "browser/feedback.test.ts",
  "web/app/build-site.ts": "web/app/create-app.test.ts",
  "web/app/express-app.ts": "web/app/create-app.test.ts",
  "web/app/error-code-route.ts": "web/app/create-app.test.ts",
  // The access line and metrics per request, and /healthz, /readyz and /metrics, tested as operators see them.
  "web/app/observe-requests.ts": "routes/ops.test.ts",
  "web/app/ops-routes.ts": "routes/ops.test.ts",
  // The rate limit on arrival and the wait for the index, through the app (ops.test.ts builds it late).
  "web/search/search-routes.ts": "routes/ops.test.ts",
  "web/pages/render-page.ts": "routes/seo.test.ts",
  "web/search/documents-from-content.ts": "routes/search.test.ts",
  "web/search/run-search.ts": "routes/search.test.ts",
  "web/search/search-handlers.ts": "routes/search.test.ts",
  "web/seo/site-files.ts": "routes/seo.test.ts",
};

const testOf = (source: string) => `test/${source.replace(/\.ts$/, ".test.ts")}`;

describe("test/ mirrors src/", () => {
  it.each(sources)("src/%s has a unit test at its mirror path, or a named suite that covers it", (source) => {
    const covering = COVERED_ELSEWHERE[source];
    if (covering === undefined) {
      expect(existsSync(path.join(root, testOf(source))), `add ${testOf(source)}`).toBe(true);
    } else if (covering !== "") {
      expect(existsSync(path.join(root, "test", covering)), `test/${covering} covers src/${source}`).toBe(true);
      expect(
        existsSync(path.join(root, testOf(source))),
        `src/${source} now has its own test: drop it from COVERED_ELSEWHERE`,
      ).toBe(false);
    }
  });

  it("lists no file that no longer exists", () => {
    expect(Object.keys(COVERED_ELSEWHERE).filter((file) => !sources.includes(file))).toEqual([]);
  });
});

describe("dependencies point one way", () => {
  const importsOf = (file: string) =>
    [...readFileSync(path.join(root, "src", file), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1] ?? "");

  it("only web/app/ imports Express", () => {
    const importers = sources.filter((file) => importsOf(file).includes("express"));
    expect(
      importers.every((file) => file.startsWith("web/app/")),
      importers.join(", "),
    ).toBe(true);
  });

  it("config.ts and paths.ts import nothing from web/", () => {
    for (const file of ["config.ts", "paths.ts"])
      expect(importsOf(file).filter((spec) => spec.includes("/web/") || spec.startsWith("./web"))).toEqual([]);
  });

  it("web/http/ knows no FAQ and web/pages/ knows no HTTP", () => {
    for (const file of sources.filter((f) => f.startsWith("web/http/"))) {
      expect(
        importsOf(file).filter((spec) => /content\/|pages\/|search\//.test(spec)),
        file,
      ).toEqual([]);
    }
    for (const file of sources.filter((f) => f.startsWith("web/pages/"))) {
      expect(
        importsOf(file).filter((spec) => spec === "node:http" || /\/http\/|\/app\//.test(spec)),
        file,
      ).toEqual([]);
    }
  });

  it("the search engine imports nothing outside src/search/", () => {
    for (const file of sources.filter((f) => f.startsWith("search/"))) {
      expect(
        importsOf(file).filter((spec) => !spec.startsWith("./")),
        file,
      ).toEqual([]);
    }
  });
});
