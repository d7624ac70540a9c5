// The index builder's thread (index-thread.ts): builds one index and hands it back.
import { parentPort, workerData } from "node:worker_threads";
import { buildSearchIndex } from "../../search/index.js";
import type { IndexJob } from "./index-thread.js";

const port = parentPort;
if (!port) throw new Error("index-worker runs only as a worker thread");
const job = workerData as IndexJob;
const index = buildSearchIndex(job.docs, { synonyms: job.synonyms });
port.postMessage(index, [index.offsets.buffer, index.docs.buffer, index.parts.buffer] as ArrayBuffer[]);
