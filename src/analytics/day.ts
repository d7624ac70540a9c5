/** Japan keeps no daylight saving time, so its day is UTC+9 all year. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The reader's calendar day (Japan), YYYY-MM-DD: the unit of de-duplication and of the reports. */
export function dayOf(time: number): string {
  return new Date(time + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `days` before `day` (negative for after). */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
