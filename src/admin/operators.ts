import type { Db } from "../db/open-database.js";
import { hashPassword, passwordProblem } from "./passwords.js";

export class OperatorError extends Error {
  override name = "OperatorError";
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export function nameProblem(name: string): string | undefined {
  return NAME.test(name)
    ? undefined
    : "A user name is 2 to 64 letters, digits, dots, hyphens, underscores or @, starting with a letter or digit.";
}

/** Operators, as `npm run admin` manages them: there is no default account. */
export class Operators {
  constructor(private readonly db: Db) {}

  async add(name: string, password: string, now = new Date()): Promise<void> {
    const problem = nameProblem(name) ?? passwordProblem(password, name);
    if (problem) throw new OperatorError(problem);
    if (await this.find(name))
      throw new OperatorError(`There is already an operator named "${name}". Use set-password to change the password.`);
    const at = now.toISOString();
    await this.db
      .insertInto("admin_users")
      .values({ name, password_hash: await hashPassword(password), created_at: at, updated_at: at })
      .execute();
  }

  /** Changes the password and ends every session of that operator. */
  /** Stores a new hash of the password just verified (its parameters were older); sessions are kept. */
  async rehash(name: string, password: string, now = new Date()): Promise<void> {
    const hash = await hashPassword(password);
    await this.db
      .updateTable("admin_users")
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where("name", "=", name)
      .execute();
  }

  async setPassword(name: string, password: string, now = new Date()): Promise<void> {
    const problem = passwordProblem(password, name);
    if (problem) throw new OperatorError(problem);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("admin_users")
        .set({ password_hash: hash, updated_at: now.toISOString() })
        .where("name", "=", name)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new OperatorError(`There is no operator named "${name}".`);
      await trx.deleteFrom("admin_sessions").where("user_name", "=", name).execute();
    });
  }

  async remove(name: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("admin_sessions").where("user_name", "=", name).execute();
      const removed = await trx.deleteFrom("admin_users").where("name", "=", name).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw new OperatorError(`There is no operator named "${name}".`);
    });
  }

  list(): Promise<Array<{ name: string; created_at: string; updated_at: string }>> {
    return this.db.selectFrom("admin_users").select(["name", "created_at", "updated_at"]).orderBy("name").execute();
  }

  find(name: string): Promise<{ name: string; password_hash: string } | undefined> {
    return this.db
      .selectFrom("admin_users")
      .select(["name", "password_hash"])
      .where("name", "=", name)
      .executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("admin_users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
