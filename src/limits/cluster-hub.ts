import type { Cluster } from "node:cluster";
import { MemoryHub } from "./memory-hub.js";
import type { RateHub } from "./shared-limiter.js";

/** A worker's hits, sent to the primary. */
interface HitsMessage {
  type: "rate-hits";
  id: number;
  name: string;
  windowStart: number;
  hits: Array<[string, number]>;
}

/** The primary's answer: the totals of all workers for those keys. */
interface TotalsMessage {
  type: "rate-totals";
  id: number;
  totals: Array<[string, number]>;
}

const isHits = (message: unknown): message is HitsMessage =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "rate-hits";
const isTotals = (message: unknown): message is TotalsMessage =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "rate-totals";

/** In the primary: one count per client for all workers, answered over the cluster's IPC channel. */
export function serveClusterHub(cluster: Cluster): void {
  const hub = new MemoryHub();
  cluster.on("message", (worker, message: unknown) => {
    if (!isHits(message)) return;
    const totals = hub.add(message.name, message.windowStart, message.hits);
    worker.send({ type: "rate-totals", id: message.id, totals: [...totals] } satisfies TotalsMessage);
  });
}

/** In a worker: the primary as the hub. An exchange it does not answer within `timeoutMs` fails. */
export function clusterHub(timeoutMs = 1_000): RateHub {
  let next = 0;
  const waiting = new Map<number, (totals: Map<string, number>) => void>();
  process.on("message", (message: unknown) => {
    if (!isTotals(message)) return;
    waiting.get(message.id)?.(new Map(message.totals));
    waiting.delete(message.id);
  });
  return {
    exchange(name, windowStart, hits) {
      const send = process.send?.bind(process);
      if (!send) return Promise.reject(new Error("not a cluster worker"));
      const id = ++next;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error("the primary did not answer"));
        }, timeoutMs);
        timer.unref();
        waiting.set(id, (totals) => {
          clearTimeout(timer);
          resolve(totals);
        });
        send({ type: "rate-hits", id, name, windowStart, hits: [...hits] } satisfies HitsMessage);
      });
    },
  };
}
