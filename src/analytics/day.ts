/** Japan keeps no daylight saving time, so its day is UTC+9 all year. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const DAY_MS = 86_400_000;
/** The day asked for last, with its bounds: the writer asks for each event's day, and they are nearly all today. */
let last = { from: 0, to: 0, day: "" };

/** The reader's calendar day (Japan), YYYY-MM-DD: the unit of de-duplication and of the reports. */
export function dayOf(time: number): string {
  if (time >= last.from && time < last.to) return last.day;
  const from = Math.floor((time + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
  last = { from, to: from + DAY_MS, day: new Date(time + JST_OFFSET_MS).toISOString().slice(0, 10) };
  return last.day;
}

/** The day `days` before `day` (negative for after). */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
