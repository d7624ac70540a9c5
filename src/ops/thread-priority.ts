import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** How much lower than the threads that answer readers a background thread runs, in nice steps. */
export const BACKGROUND_NICENESS = 5;
const LOWEST = 19;

export type PriorityChange = { lowered: true; from: number; to: number } | { lowered: false; reason: string };

/**
 * Lowers the calling thread's scheduling priority by `by` nice steps, relative to what it was (a service
 * started at nice 10 gets 15). When the machine is busy, the scheduler then gives this thread about a third
 * of the CPU time a reader-answering thread gets (nice 5 against 0), instead of an equal share. Linux keeps a
 * nice value per thread, addressed by the thread's id (setpriority(2)), which /proc/thread-self names;
 * elsewhere it is the whole process's, so nothing is changed there. Never throws: says why not instead.
 */
export function lowerThisThreadPriority(by = BACKGROUND_NICENESS): PriorityChange {
  if (process.platform !== "linux")
    return { lowered: false, reason: `${process.platform} keeps one priority per process, not per thread` };
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(threadId) || threadId <= 0)
      return { lowered: false, reason: "/proc/thread-self did not name a thread id" };
    const from = getPriority(threadId);
    const to = Math.min(LOWEST, from + by);
    setPriority(threadId, to);
    return { lowered: true, from, to };
  } catch (error) {
    // No /proc (a locked-down container) or not permitted: the thread keeps its priority and works the same.
    return { lowered: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
