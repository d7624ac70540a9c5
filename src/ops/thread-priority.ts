import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** How much lower than the threads that answer readers a background thread runs (a nice value, 0–19). */
export const BACKGROUND_NICENESS = 5;

/**
 * Lowers the calling thread's scheduling priority, so that when the machine is busy the threads answering
 * readers run first and this one takes the time they leave. Linux keeps a nice value per thread
 * (setpriority(2), NOTES), addressed by the thread's id, which /proc/thread-self names. Elsewhere the nice
 * value is the whole process's, so nothing is changed there. Returns whether it was lowered.
 */
export function lowerThisThreadPriority(niceness = BACKGROUND_NICENESS): boolean {
  if (process.platform !== "linux") return false;
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, niceness);
    return true;
  } catch {
    // No /proc (a locked-down container) or not permitted: the thread keeps its priority and works the same.
    return false;
  }
}
