import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/open-database.js";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  user: string;
  /** The synchronizer token every state-changing admin request must carry. */
  csrfToken: string;
}

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");
const random = () => randomBytes(32).toString("base64url");

/**
 * Operators' sessions, in the database so replicas share them. The cookie holds an opaque random id; the
 * table holds only its hash. Idle sessions end after 30 minutes, every session after 12 hours.
 */
export class Sessions {
  constructor(private readonly db: Db) {}

  /** A new session (and a new id) at every sign-in. */
  async create(user: string, now = Date.now()): Promise<{ id: string; session: Session }> {
    const id = random();
    const csrfToken = random();
    const at = new Date(now).toISOString();
    await this.db
      .insertInto("admin_sessions")
      .values({ id_hash: hashId(id), user_name: user, csrf_token: csrfToken, created_at: at, last_seen_at: at })
      .execute();
    return { id, session: { user, csrfToken } };
  }

  /** The live session for a cookie's id, or undefined (unknown, idle too long, too old: then deleted). */
  async get(id: string | undefined, now = Date.now()): Promise<Session | undefined> {
    if (!id || id.length > 100) return undefined;
    const idHash = hashId(id);
    const row = await this.db
      .selectFrom("admin_sessions")
      .select(["user_name", "csrf_token", "created_at", "last_seen_at"])
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const lastSeen = Date.parse(row.last_seen_at);
    if (now - lastSeen >= IDLE_TIMEOUT_MS || now - Date.parse(row.created_at) >= ABSOLUTE_TIMEOUT_MS) {
      await this.db.deleteFrom("admin_sessions").where("id_hash", "=", idHash).execute();
      return undefined;
    }
    if (now - lastSeen >= TOUCH_EVERY_MS)
      await this.db
        .updateTable("admin_sessions")
        .set({ last_seen_at: new Date(now).toISOString() })
        .where("id_hash", "=", idHash)
        .execute();
    return { user: row.user_name, csrfToken: row.csrf_token };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id) await this.db.deleteFrom("admin_sessions").where("id_hash", "=", hashId(id)).execute();
  }

  /** Removes sessions past either timeout; run now and then so the table does not grow. */
  async sweep(now = Date.now()): Promise<number> {
    const deleted = await this.db
      .deleteFrom("admin_sessions")
      .where((eb) =>
        eb.or([
          eb("last_seen_at", "<", new Date(now - IDLE_TIMEOUT_MS).toISOString()),
          eb("created_at", "<", new Date(now - ABSOLUTE_TIMEOUT_MS).toISOString()),
        ]),
      )
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
