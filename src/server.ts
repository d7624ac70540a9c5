import cluster from "node:cluster";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SpikeWatch } from "./alerts/spike-watch.js";
import { startAnalytics, type AnalyticsService } from "./analytics/analytics-service.js";
import { ConfigError, readConfig } from "./config.js";
import { ContentError } from "./content/content-error.js";
import { loadContent } from "./content/load-content.js";
import { SchemaTooNewError } from "./db/migrations.js";
import { createLogger, standardOutput } from "./ops/logger.js";
import { createMetrics } from "./ops/metrics.js";
import { clusterHub, serveClusterHub } from "./limits/cluster-hub.js";
import { DatabaseHub } from "./limits/database-hub.js";
import { sharedLimits } from "./limits/shared-limiter.js";
import { createApp } from "./web/app/create-app.js";
import { serveMetrics } from "./web/app/ops-routes.js";
import { pathOf } from "./web/http/split-url.js";
import { documentsFromContent } from "./web/search/documents-from-content.js";
import { buildSearchIndexOffThread } from "./web/search/index-thread.js";
import { createHttpServer, DEFAULT_LIMITS } from "./web/http/http-server.js";

/** How often shared limits exchange counts: IPC is cheap; a database round trip is not. */
const CLUSTER_EXCHANGE_MS = 20;
const DATABASE_EXCHANGE_MS = 200;

/** How long answers in progress may take once SIGTERM arrives. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig(process.env);
  const output = standardOutput();
  const log = createLogger({ level: config.logLevel, destination: output.destination });
  for (const warning of config.warnings) log.warn({}, warning);
  const metrics = createMetrics();
  metrics.watch({ logLinesDropped: output.dropped });
  let analytics: AnalyticsService | undefined;
  if (config.analytics) {
    analytics = startAnalytics(config.database, { retentionDays: config.retentionDays, log, writer: "thread" });
    const queue = analytics.queue;
    metrics.watch({
      queueDepth: () => queue.depth,
      queueDropped: () => queue.dropped,
      databaseErrors: () => queue.failuresTotal,
    });
    analytics.ready.catch((error: unknown) => {
      if (error instanceof SchemaTooNewError) failAtStart(error);
    });
  }
  // The database's thread opens and migrates it while this one reads the content.
  const content = await loadContent(config.contentDir);
  const loadedMs = performance.now() - started;
  // Indexed on another thread while this one builds the pages and listens: pages are served at once,
  // searches as soon as the index arrives (about a second at 10,000 entries), and /readyz waits for it.
  const searchIndex = buildSearchIndexOffThread(
    { docs: documentsFromContent(content), synonyms: content.synonyms },
    (cause) =>
      log.warn({ err: cause }, "the search index could not be built on its own thread: building it on the main one"),
  );
  // Limits per client hold across processes: through PostgreSQL when replicas share it, else through the
  // primary when this is one of several workers. One process alone counts alone.
  const hub =
    analytics && config.database.kind === "postgres"
      ? new DatabaseHub(analytics.db)
      : cluster.isWorker
        ? clusterHub()
        : undefined;
  const limits = hub
    ? sharedLimits(hub, hub instanceof DatabaseHub ? DATABASE_EXCHANGE_MS : CLUSTER_EXCHANGE_MS, (error) =>
        log.warn({ err: error }, "rate limits cannot be shared right now: each process counts alone until they can"),
      )
    : undefined;
  const app = createApp(content, {
    siteUrl: config.siteUrl,
    trustProxy: config.trustProxy,
    limiterFor: limits?.limiter,
    search: { index: searchIndex, perMinute: config.searchRateLimit },
    feedback: analytics ? { recorder: analytics, votesPerMinute: config.feedbackRateLimit } : undefined,
    admin: analytics
      ? {
          db: analytics.db,
          reportsDb: analytics.reportsDb,
          spikeRule: { factor: config.alerts.factor, minimum: config.alerts.minimum },
          contentDir: config.contentDir,
        }
      : undefined,
    operations: {
      metrics,
      metricsToken: config.metricsToken,
      databaseReady: analytics ? () => analytics.check() : undefined,
    },
    logging: { log, accessLog: config.accessLog },
  });

  // Error-code spikes are checked every minute on a timer of their own, never on a request's path.
  const spikeWatch =
    analytics &&
    new SpikeWatch(analytics.db, content, {
      rule: { factor: config.alerts.factor, minimum: config.alerts.minimum },
      webhookUrl: config.alerts.webhookUrl,
      siteUrl: config.siteUrl,
      log,
    });
  void analytics?.ready.then(
    () => spikeWatch?.start(),
    () => undefined,
  );

  // SQLite is a local file: wait for it, so a schema from a newer release stops the start here. Waited for
  // only now: its thread opened and migrated it while this one built the app.
  if (analytics && config.database.kind === "sqlite") await analytics.ready;
  const http = createHttpServer(app.handle, { ...DEFAULT_LIMITS, maxConnections: config.maxConnections });
  const { server } = http;
  server.once("error", (error: NodeJS.ErrnoException) => {
    failAtStart(
      error.code === "EADDRINUSE"
        ? `Port ${config.port} is in use: stop the other server or set PORT to a free port.`
        : error,
    );
  });
  server.listen(config.port, config.host, () => {
    const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
    // The bound port, not the configured one: PORT=0 picks a free port (tests use that).
    const { port } = server.address() as AddressInfo;
    log.info(
      {
        questions: content.questions.length,
        categories: content.categories.length,
        contentDir: config.contentDir,
        loadMs: Math.round(loadedMs),
        startMs: Math.round(performance.now() - started),
        port,
        analytics: config.analytics,
      },
      "listening",
    );
    // The one line for the person who typed `npm start`, whatever collects the JSON lines.
    console.log(`Serving ${content.questions.length} questions from ${config.contentDir} at http://${shown}:${port}`);
  });
  if (config.metricsPort !== undefined) {
    // Only this machine reaches it, so it needs no token: for a Prometheus agent beside the server.
    const serve = serveMetrics(metrics.registry);
    createServer((req, res) => {
      if (pathOf(req.url) !== "/metrics") return void res.writeHead(404).end();
      serve(req, res).catch((error: unknown) => {
        log.error({ err: error }, "metrics could not be collected");
        res.writeHead(500).end();
      });
    }).listen(config.metricsPort, "127.0.0.1");
  }

  const shutdown = async (signal: string) => {
    log.info(
      { signal },
      "shutting down: closing idle connections, finishing the answers in progress, writing the analytics queue",
    );
    // Whatever happens below, the process goes: a database that hangs must not keep it forever.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5_000).unref();
    const answeredAll = await http.shutdown(SHUTDOWN_GRACE_MS);
    try {
      // The queued votes and searches are written before the process goes.
      spikeWatch?.stop();
      await analytics?.close();
    } catch (error) {
      log.error({ err: error }, "the analytics queue could not be written before stopping");
      log.flush(() => process.exit(1));
      return;
    }
    log.info({ signal, events: analytics?.queue.written ?? 0, answeredAll }, "stopped");
    log.flush(() => process.exit(answeredAll ? 0 : 1));
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

/** A worker's message to the primary: it could not start, and why (the primary says it once). */
interface StartFailure {
  type: "start-failure";
  message: string;
}

/**
 * A fault the operator must fix (content, configuration, schema, a taken port): one message, no stack,
 * exit 1. A worker hands the message to the primary instead, so N workers do not print it N times.
 */
function failAtStart(error: unknown): never {
  const message =
    error instanceof ContentError || error instanceof ConfigError || error instanceof SchemaTooNewError
      ? error.message
      : typeof error === "string"
        ? error
        : String((error as Error | undefined)?.stack ?? error);
  if (cluster.isWorker && process.send) {
    process.send({ type: "start-failure", message } satisfies StartFailure, () => process.exit(1));
    // Exit even if the primary is gone and the message cannot be sent.
    setTimeout(() => process.exit(1), 1_000).unref();
    return undefined as never;
  }
  console.error(message);
  process.exit(1);
}

const isStartFailure = (message: unknown): message is StartFailure =>
  typeof message === "object" &&
  message !== null &&
  (message as { type?: unknown }).type === "start-failure" &&
  typeof (message as { message?: unknown }).message === "string";

/** A worker that crashes this often in a minute is not helped by restarting it. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * WEB_CONCURRENCY=N runs N identical workers sharing the port. They keep no state between requests
 * that another worker or replica would need, so this is also how replicas behind a load balancer behave.
 *
 * A worker that fails before it listens is not restarted: the fault is the operator's (bad content, a taken
 * port), every worker would meet it, so the primary prints it once and exits 1. A worker that dies later is
 * replaced, unless that keeps happening.
 */
function startWorkers(count: number): void {
  let stopping = false;
  const restarts: number[] = [];
  const stopAll = (code: number) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exitCode = code;
  };
  cluster.on("message", (_worker, message: unknown) => {
    if (!isStartFailure(message) || stopping) return;
    console.error(message.message);
    stopAll(1);
  });
  const listening = new Set<number>();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code) => {
    const started = listening.delete(worker.id);
    if (!stopping && code !== 0) {
      if (!started) {
        console.error(`worker ${worker.process.pid} exited with ${code} before it could serve; not restarting`);
        stopAll(1);
      } else {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
        if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
          console.error(`workers exited ${restarts.length} times within a minute; stopping`);
          stopAll(1);
        } else {
          console.error(`worker ${worker.process.pid} exited with ${code}; starting another`);
          cluster.fork();
        }
      }
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  serveClusterHub(cluster);
  for (let i = 0; i < count; i++) cluster.fork();
}

const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && Number.isInteger(workers) && workers > 1) startWorkers(workers);
else main().catch(failAtStart);
