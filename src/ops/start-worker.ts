import { Worker } from "node:worker_threads";

/**
 * Starts the module `name` (without extension) beside `from` on a thread of its own. The compiled server
 * runs name.js. The sources (npm run dev, tests) run name.ts, which a new thread can load only once tsx's
 * loader is registered in it, so a two-line script does that first.
 */
export function startWorker(from: string, name: string, workerData: unknown): Worker {
  if (from.endsWith(".js")) return new Worker(new URL(`./${name}.js`, from), { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, from).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
