// `npm run dev`: the server, reloading content/ on every change, with readable coloured log lines. A bad
// edit is reported and the last good content keeps serving. Feedback and the dashboard are left to
// `npm start`; the dev server shows the pages as readers see them with analytics off.
import { readConfig } from "./config.js";
import { describeReloadError, watchContent } from "./content/watch-content.js";
import { loadContent } from "./content/load-content.js";
import { createLogger } from "./ops/logger.js";
import { createMetrics } from "./ops/metrics.js";
import { createApp } from "./web/app/create-app.js";
import { liveApp } from "./web/app/live-app.js";
import { createHttpServer, DEFAULT_LIMITS } from "./web/http/http-server.js";

const config = readConfig(process.env);
const log = createLogger({ level: config.logLevel, pretty: true });
const metrics = createMetrics({ processMetrics: false });
const appFor = (content: Awaited<ReturnType<typeof loadContent>>) =>
  createApp(content, {
    siteUrl: config.siteUrl,
    search: { perMinute: 0 },
    operations: { metrics },
    logging: { log, accessLog: config.accessLog },
  }).handle;
const live = liveApp(appFor(await loadContent(config.contentDir)));
// The same HTTP server as `npm start`: its timeouts, connection limits and graceful close.
const { server, shutdown } = createHttpServer(live.handle, {
  ...DEFAULT_LIMITS,
  maxConnections: config.maxConnections,
});
server.listen(config.port, config.host, () => {
  log.info({ contentDir: config.contentDir }, `dev server at http://localhost:${config.port}`);
});
const watcher = watchContent(
  config.contentDir,
  (content) => {
    const started = performance.now();
    live.swap(appFor(content));
    metrics.contentReloaded(true);
    log.info(
      {
        questions: content.questions.length,
        categories: content.categories.length,
        ms: Math.round(performance.now() - started),
      },
      "content reloaded",
    );
  },
  (error) => {
    metrics.contentReloaded(false);
    log.error({ problem: describeReloadError(error) }, "content not reloaded; still serving the last good content");
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "shutting down");
    watcher.close();
    void shutdown(2_000).then((answeredAll) => process.exit(answeredAll ? 0 : 1));
  });
}
