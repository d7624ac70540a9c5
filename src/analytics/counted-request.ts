import type { IncomingHttpHeaders } from "node:http";
import { isbot } from "isbot";

/** Agents remembered at most; past it the memo starts again (a crawl of odd agents cannot grow it). */
const MEMO_ENTRIES = 1000;
const botByAgent = new Map<string, boolean>();

/**
 * Whether a request is a reader's own visit, worth counting: not a speculative prefetch or prerender (the
 * browser says so in Sec-Purpose, older ones in Purpose), and not a client that says it is a bot or says
 * nothing of itself. isbot's list of crawler agents is kept up to date by its maintainers; each agent is
 * looked up once, since a few agents make most requests.
 */
export function isCountedRequest(headers: IncomingHttpHeaders): boolean {
  const purpose = headers["sec-purpose"] ?? headers.purpose;
  if (typeof purpose === "string" && /prefetch|prerender/i.test(purpose)) return false;
  const agent = headers["user-agent"];
  if (agent === undefined || agent === "") return false;
  let bot = botByAgent.get(agent);
  if (bot === undefined) {
    if (botByAgent.size >= MEMO_ENTRIES) botByAgent.clear();
    botByAgent.set(agent, (bot = isbot(agent)));
  }
  return !bot;
}
