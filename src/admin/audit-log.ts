import type { Transaction } from "kysely";
import type { Db } from "../db/open-database.js";
import type { Database } from "../db/schema.js";

/** How long the operators' actions are kept. */
export const AUDIT_RETENTION_DAYS = 365;

export type AuditAction =
  | "sign-in"
  | "sign-out"
  | "notice.create"
  | "notice.update"
  | "notice.end"
  | "suggestion.accept"
  | "suggestion.dismiss"
  | "suggestion.reopen";

export interface AuditEntry {
  at: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  detail: string | null;
}

/** Who did what on the dashboard, and when: sign-ins and every change to a notice, kept a year. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Written in the caller's transaction, so an action and its entry are stored together or not at all. */
  static async record(
    trx: Db | Transaction<Database>,
    entry: { actor: string; action: AuditAction; target?: string; detail?: string },
    now: number,
  ): Promise<void> {
    await trx
      .insertInto("audit_log")
      .values({
        at: new Date(now).toISOString(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        detail: entry.detail ?? null,
      })
      .execute();
  }

  record(entry: { actor: string; action: AuditAction; target?: string; detail?: string }, now: number) {
    return AuditLog.record(this.db, entry, now);
  }

  /** The newest entries first. */
  async recent(limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom("audit_log").selectAll().orderBy("at", "desc").limit(limit).execute();
    return rows.map((row) => ({ ...row, action: row.action as AuditAction }));
  }

  /** The daily clean-up: entries older than a year go. */
  async purge(now: number): Promise<number> {
    const cutoff = new Date(now - AUDIT_RETENTION_DAYS * 86_400_000).toISOString();
    const deleted = await this.db.deleteFrom("audit_log").where("at", "<", cutoff).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
