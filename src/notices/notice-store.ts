import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import { AuditLog } from "../admin/audit-log.js";
import type { Content } from "../content/types.js";
import type { Db } from "../db/open-database.js";
import type { Database } from "../db/schema.js";
import { formatScopes, type Notice, type NoticeFields, parseScopes } from "./notice.js";

/** A dashboard notice with who made and last changed it. */
export type StoredNotice = Notice & { createdBy: string; updatedBy: string; updatedAt: string };

/** How long an ended notice stays on the dashboard's list. */
const LISTED_AFTER_END_MS = 30 * 86_400_000;

/**
 * The dashboard's notices, shared by every replica through the database. Each change is written with its
 * audit entry in one transaction.
 */
export class NoticeStore {
  constructor(
    private readonly db: Db,
    private readonly content: Content,
  ) {}

  /** Notices that have not ended: what every replica's board reads at each refresh. */
  async current(now: number): Promise<StoredNotice[]> {
    const rows = await this.db
      .selectFrom("notices")
      .selectAll()
      .where("ends_at", ">", new Date(now).toISOString())
      .orderBy("starts_at")
      .execute();
    return rows.flatMap((row) => this.toNotice(row));
  }

  /** For the dashboard's list: those not ended, and those ended within the last 30 days, newest start first. */
  async listed(now: number): Promise<StoredNotice[]> {
    const rows = await this.db
      .selectFrom("notices")
      .selectAll()
      .where("ends_at", ">", new Date(now - LISTED_AFTER_END_MS).toISOString())
      .orderBy("starts_at", "desc")
      .limit(200)
      .execute();
    return rows.flatMap((row) => this.toNotice(row));
  }

  async find(id: string): Promise<StoredNotice | undefined> {
    const row = await this.db.selectFrom("notices").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? this.toNotice(row)[0] : undefined;
  }

  async create(fields: NoticeFields, actor: string, now: number): Promise<string> {
    const id = `n-${randomBytes(6).toString("hex")}`;
    const at = new Date(now).toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("notices")
        .values({ id, ...columns(fields), created_by: actor, created_at: at, updated_by: actor, updated_at: at })
        .execute();
      await AuditLog.record(trx, { actor, action: "notice.create", target: id, detail: summary(fields) }, now);
    });
    return id;
  }

  /** False when there is no such notice. */
  async update(id: string, fields: NoticeFields, actor: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("notices")
        .set({ ...columns(fields), updated_by: actor, updated_at: new Date(now).toISOString() })
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await AuditLog.record(trx, { actor, action: "notice.update", target: id, detail: summary(fields) }, now);
      return true;
    });
  }

  /** Ends a notice now (one that has not started yet ends before it starts). False when none is running. */
  async end(id: string, actor: string, now: number): Promise<boolean> {
    const at = new Date(now).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const ended = await trx
        .updateTable("notices")
        .set({ ends_at: at, updated_by: actor, updated_at: at })
        .where("id", "=", id)
        .where("ends_at", ">", at)
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 0) return false;
      // One that had not started yet would otherwise start after its own end.
      await trx
        .updateTable("notices")
        .set({ starts_at: at })
        .where("id", "=", id)
        .where("starts_at", ">", at)
        .execute();
      await AuditLog.record(trx, { actor, action: "notice.end", target: id }, now);
      return true;
    });
  }

  /** A row whose scope no longer names anything (the content changed since) is left out, not shown wrongly. */
  private toNotice(row: Selectable<Database["notices"]>): StoredNotice[] {
    const scopes = parseScopes(row.scope, this.content);
    if (!scopes.ok) return [];
    return [
      {
        id: row.id,
        title: row.title,
        body: row.body,
        kind: row.kind === "outage" ? "outage" : "info",
        scopes: scopes.scopes,
        startsAt: Date.parse(row.starts_at),
        endsAt: Date.parse(row.ends_at),
        source: "dashboard",
        createdBy: row.created_by,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      },
    ];
  }
}

function columns(fields: NoticeFields) {
  return {
    title: fields.title,
    body: fields.body,
    kind: fields.kind,
    scope: formatScopes(fields.scopes),
    starts_at: new Date(fields.startsAt).toISOString(),
    ends_at: new Date(fields.endsAt).toISOString(),
  };
}

const summary = (fields: NoticeFields) =>
  `${fields.kind === "outage" ? "障害" : "お知らせ"}「${fields.title}」 ${formatScopes(fields.scopes)}`;
