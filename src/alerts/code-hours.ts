import { dayOf } from "../analytics/day.js";
import { tenMinutesOf } from "../analytics/view-tally.js";
import type { Content } from "../content/types.js";
import type { Db } from "../db/open-database.js";
import { BASELINE_DAYS, type CodeHours } from "./spikes.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Each error code's readers in the hour before `now`, and in the same hour on each of the previous 7 days:
 * searches that matched the code (any spelling the search accepts: the search says it matched, and its top
 * answer names the code) and visits of /errors/<code>.
 */
export async function codeHours(db: Db, content: Content, now: number): Promise<CodeHours[]> {
  const codeOfAnswer = new Map(
    content.questions.flatMap((question) => (question.codes[0] ? [[question.id, question.codes[0]] as const] : [])),
  );
  const codes = [...new Set(codeOfAnswer.values())];
  const windows = Array.from({ length: BASELINE_DAYS + 1 }, (_, k) => ({
    from: now - HOUR_MS - k * DAY_MS,
    to: now - k * DAY_MS,
  }));
  const counts = await Promise.all(
    windows.map(async ({ from, to }) => {
      const [searches, visits] = await Promise.all([
        db
          .selectFrom("search_events")
          .select((eb) => ["top_result", eb.fn.countAll<number>().as("n")])
          .where("code_match", "=", 1)
          .where("day", "in", [dayOf(from), dayOf(to)])
          .where("created_at", ">=", new Date(from).toISOString())
          .where("created_at", "<", new Date(to).toISOString())
          .groupBy("top_result")
          .execute(),
        db
          .selectFrom("code_visits")
          .select((eb) => ["code", eb.fn.sum<number>("visits").as("n")])
          .where("bucket", ">=", tenMinutesOf(from))
          .where("bucket", "<", new Date(to).toISOString())
          .groupBy("code")
          .execute(),
      ]);
      const byCode = new Map<string, number>();
      for (const row of searches) {
        const code = row.top_result ? codeOfAnswer.get(row.top_result) : undefined;
        if (code) byCode.set(code, (byCode.get(code) ?? 0) + Number(row.n));
      }
      for (const row of visits) byCode.set(row.code, (byCode.get(row.code) ?? 0) + Number(row.n));
      return byCode;
    }),
  );
  const [last, ...before] = counts;
  return codes.map((code) => ({
    code,
    lastHour: last?.get(code) ?? 0,
    before: before.map((day) => day.get(code) ?? 0),
  }));
}
