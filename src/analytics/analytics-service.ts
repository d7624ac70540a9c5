import { AuditLog } from "../admin/audit-log.js";
import { Sessions } from "../admin/sessions.js";
import { isBadData } from "./bad-data.js";
import { SignInThrottle } from "../admin/throttle.js";
import { describeLocation, type DatabaseLocation } from "../db/database-url.js";
import { migrate, SchemaTooNewError } from "../db/migrations.js";
import { openDatabase, type Db } from "../db/open-database.js";
import { openSqliteOnThread } from "../db/sqlite-thread.js";
import { AnalyticsStore } from "./analytics-store.js";
import type { ReaderEvent } from "./events.js";
import { EventQueue } from "./event-queue.js";
import { ThreadSink } from "./thread-sink.js";
import { codeVisitTally, viewTally } from "./view-tally.js";

export interface AnalyticsLog {
  info(facts: object, message: string): void;
  error(facts: object, message: string): void;
}

export interface AnalyticsOptions {
  retentionDays: number;
  log: AnalyticsLog;
  /** How long to wait before trying an unreachable database again at start. */
  retryMs?: number;
  queue?: { capacity?: number; intervalMs?: number };
  /**
   * Where batches become rows: "thread" (the server) on a thread of its own with its own connection, so SQL
   * never runs on the event loop; "inline" on this thread, through `store`.
   */
  writer?: "thread" | "inline";
}

/** What the request path sees: somewhere to put events, and whether votes can be taken now. */
export interface EventRecorder {
  /** True when the schema is in place and the last write (or ping) succeeded. */
  readonly accepting: boolean;
  /** Queues an event; false when it was dropped (queue full). Never waits. */
  record(event: ReaderEvent): boolean;
  /** Counts one view of an answer, summed in memory until the next write. Never waits. */
  countView(question: string): void;
  /** Counts one visit of /errors/<code> (for the spike alerts), summed the same way. */
  countCodeVisit(code: string): void;
}

export interface AnalyticsService extends EventRecorder {
  readonly db: Db;
  /**
   * Where the dashboard's reports and the suggestions run their statements: with the
   * writer on its thread and SQLite, a connection on a thread of its own (started when needed, ended when
   * idle), since SQLite runs a statement to its end before returning and a report over a large table would
   * hold every reader's page meanwhile; else `db` (PostgreSQL's statements never hold the event loop).
   */
  readonly reportsDb: Db;
  readonly store: AnalyticsStore;
  readonly queue: EventQueue;
  /** Resolves once the schema is migrated (at once for SQLite; when PostgreSQL first answers). */
  readonly ready: Promise<void>;
  /** What /readyz asks: resolves when the schema is in place and the database answers now. */
  check(): Promise<void>;
  /** Writes out the queue and closes the connection (SIGTERM). */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const THREAD_FLUSH_MS = 200;

/**
 * Opens the store and starts the writer. The server never waits for the database to serve pages: with
 * PostgreSQL down at start, it starts anyway, answers feedback with 503 and keeps trying to migrate.
 * Only a schema newer than this code stops it (`ready` rejects with SchemaTooNewError).
 */
/** Failed writes in a row after which readiness says the writer is failing. */
const FAILING_WRITES = 3;

export function startAnalytics(location: DatabaseLocation, options: AnalyticsOptions): AnalyticsService {
  const { log } = options;
  const db = openDatabase(location);
  const store = new AnalyticsStore(db);
  const reportsDb = options.writer === "thread" && location.kind === "sqlite" ? openSqliteOnThread(location.file) : db;
  const where = describeLocation(location);
  const sink =
    options.writer === "thread"
      ? new ThreadSink(location, (priority) => log.info({ priority }, "analytics writer thread started"))
      : undefined;
  const views = viewTally();
  const codeVisits = codeVisitTally();
  const queue = new EventQueue(sink ?? store, {
    gather: () => [...views.take(), ...codeVisits.take()],
    // Copying a batch to the writer thread blocks the event loop for as long as the batch is big: small
    // batches often keep each copy to a millisecond or two (and lose less on a crash).
    intervalMs: sink ? THREAD_FLUSH_MS : undefined,
    ...options.queue,
    onOutage: (error, failures) =>
      log.error(
        { database: where, failures, err: error },
        "database unavailable: feedback answers 503, analytics events wait in the queue",
      ),
    onRecovery: (downForMs) => log.info({ database: where, downForMs }, "database available again: writing resumed"),
    // Logged once per event type and day at most would need state; one line per refused event is bounded by
    // the rate limits, and says which field to look at.
    isBadData,
    onRejected: (error, event) =>
      log.error(
        { database: where, err: error, type: event.type },
        "the database refused one event: dropped, the others written",
      ),
  });
  let migrated = false;
  let stopped = false;
  let purgeTimer: NodeJS.Timeout | undefined;

  const purge = async () => {
    try {
      const started = performance.now();
      // On the main connection: on the reports' own it would hold SQLite's write lock for its whole length,
      // while sign-ins and sessions on this one wait only 25 ms for it.
      const deleted = await store.purge(options.retentionDays);
      // The dashboard's expired sessions and ended lockouts go with the day's clean-up, so neither table grows.
      const sessions = await new Sessions(db).sweep();
      const throttle = await new SignInThrottle(db).sweep();
      const audit = await new AuditLog(db).purge(Date.now());
      log.info(
        {
          ...deleted,
          sessions,
          ...throttle,
          audit,
          retentionDays: options.retentionDays,
          ms: Math.round(performance.now() - started),
        },
        "analytics retention: old events deleted",
      );
    } catch (error) {
      log.error({ err: error }, "analytics retention: clean-up failed; it runs again tomorrow");
    }
  };

  const ready = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const started = performance.now();
        const { applied } = await migrate(db, location.kind);
        // Votes are taken only once the writer can write them: its thread is up and connected.
        await sink?.ping();
        log.info(
          { database: where, applied, ms: Math.round(performance.now() - started) },
          "database connected and migrated",
        );
        migrated = true;
        queue.start();
        void purge();
        purgeTimer = setInterval(() => void purge(), DAY_MS).unref();
        return;
      } catch (error) {
        if (error instanceof SchemaTooNewError) throw error;
        if (attempt === 1)
          log.error(
            { database: where, err: error },
            "database unavailable at start: pages and search are served; feedback waits for it",
          );
        await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 5_000).unref());
      }
    }
  })();
  // The caller decides what a failed start means; an unobserved rejection must not end the process.
  ready.catch(() => undefined);

  return {
    db,
    reportsDb,
    store,
    queue,
    ready,
    get accepting() {
      return migrated && queue.healthy;
    },
    record: (event) => queue.push(event),
    countView: (question) => views.count(question),
    countCodeVisit: (code) => codeVisits.count(code),
    // Until the schema is migrated every vote would be refused, so a load balancer must not route here yet.
    async check() {
      if (!migrated) throw new Error("the schema is not migrated yet");
      if (queue.failuresInARow >= FAILING_WRITES)
        throw new Error(`the analytics writer has failed ${queue.failuresInARow} times in a row`);
      await store.ping();
    },
    async close() {
      stopped = true;
      if (purgeTimer) clearInterval(purgeTimer);
      if (migrated) await queue.close();
      await sink?.close();
      if (reportsDb !== db) await reportsDb.destroy();
      await db.destroy();
    },
  };
}
