import cluster from "node:cluster";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startAnalytics, type AnalyticsService } from "./analytics/analytics-service.js";
import { ConfigError, readConfig } from "./config.js";
import { ContentError } from "./content/content-error.js";
import { loadContent } from "./content/load-content.js";
import { SchemaTooNewError } from "./db/migrations.js";
import { createLogger, standardOutput } from "./ops/logger.js";
import { createMetrics } from "./ops/metrics.js";
import { createApp } from "./web/app/create-app.js";
import { createHttpServer, DEFAULT_LIMITS } from "./web/http/http-server.js";

/** How long answers in progress may take once SIGTERM arrives. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig(process.env);
  const output = standardOutput();
  const log = createLogger({ level: config.logLevel, destination: output.destination });
  for (const warning of config.warnings) {
    log.warn({}, warning);
    console.warn(`Warning: ${warning}`);
  }
  const content = await loadContent(config.contentDir);
  const loadedMs = performance.now() - started;
  const metrics = createMetrics();
  metrics.watch({ logLinesDropped: output.dropped });
  let analytics: AnalyticsService | undefined;
  if (config.analytics) {
    analytics = startAnalytics(config.database, { retentionDays: config.retentionDays, log });
    const queue = analytics.queue;
    metrics.watch({ queueDepth: () => queue.depth, queueDropped: () => queue.dropped, databaseErrors: () => queue.failuresTotal });
    // SQLite is a local file: wait for it, so a schema from a newer release stops the start here.
    if (config.database.kind === "sqlite") await analytics.ready;
    analytics.ready.catch((error: unknown) => {
      if (!(error instanceof SchemaTooNewError)) return;
      console.error(error.message);
      process.exit(1);
    });
  }
  const app = createApp(content, {
    searchRateLimit: config.searchRateLimit,
    siteUrl: config.siteUrl,
    recorder: analytics,
    feedbackRateLimit: config.feedbackRateLimit,
    adminDb: analytics?.db,
    trustProxy: config.trustProxy,
    log,
    accessLog: config.accessLog,
    metrics,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(analytics ? { databaseReady: () => analytics.check() } : {}),
  });
  const http = createHttpServer(app.handle, { ...DEFAULT_LIMITS, maxConnections: config.maxConnections });
  const { server } = http;
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `Port ${config.port} is in use: stop the other server or set PORT to a free port.` : error);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
    // The bound port, not the configured one: PORT=0 picks a free port (tests use that).
    const { port } = server.address() as AddressInfo;
    log.info({ questions: content.questions.length, categories: content.categories.length, contentDir: config.contentDir, loadMs: Math.round(loadedMs), startMs: Math.round(performance.now() - started), port, analytics: config.analytics }, "listening");
    console.log(`Serving ${content.questions.length} questions from ${config.contentDir} at http://${shown}:${port}`);
  });
  if (config.metricsPort !== undefined) {
    // Only this machine reaches it, so it needs no token: for a Prometheus agent beside the server.
    createServer((req, res) => {
      if ((req.url ?? "").split("?")[0] !== "/metrics") return void res.writeHead(404).end();
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "Content-Type": metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    }).listen(config.metricsPort, "127.0.0.1");
  }

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down: closing idle connections, finishing the answers in progress, writing the analytics queue");
    // Whatever happens below, the process goes: a database that hangs must not keep it forever.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5_000).unref();
    const answeredAll = await http.shutdown(SHUTDOWN_GRACE_MS);
    try {
      // The queued votes and searches are written before the process goes.
      await analytics?.close();
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
    log.info({ signal, events: analytics?.queue.written ?? 0, answeredAll }, "stopped");
    log.flush(() => process.exit(answeredAll ? 0 : 1));
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * WEB_CONCURRENCY=N runs N identical workers sharing the port. They keep no state between requests
 * that another worker or replica would need, so this is also how replicas behind a load balancer behave.
 */
function startWorkers(count: number): void {
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (!stopping && code !== 0) {
      console.error(`worker ${worker.process.pid} exited with ${code}; starting another`);
      cluster.fork();
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}

const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && Number.isInteger(workers) && workers > 1) startWorkers(workers);
else main().catch((error: unknown) => {
  // Content, configuration and schema errors are the operator's to fix: show the message, not a stack.
  console.error(error instanceof ContentError || error instanceof ConfigError || error instanceof SchemaTooNewError ? error.message : error);
  process.exit(1);
});
