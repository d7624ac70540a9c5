// `npm run admin -- <command>`: operators of the dashboard, in the database DATABASE_URL names.
//   add-user <name> [--password-stdin]      set-password <name> [--password-stdin]
//   remove <name>                           list
import { createInterface } from "node:readline";
import { OperatorError, Operators } from "../src/admin/operators.js";
import { readConfig } from "../src/config.js";
import { migrate } from "../src/db/migrations.js";
import { openDatabase } from "../src/db/open-database.js";

const USAGE = `Usage: npm run admin -- <command>
  add-user <name> [--password-stdin]   create an operator (asks for the password twice)
  set-password <name> [--password-stdin]  change a password (signs that operator out everywhere)
  remove <name>                        delete an operator and their sessions
  list                                 list operators`;

class UsageError extends Error {}

/** One line from standard input, for scripts: `printf '%s\\n' "$PASSWORD" | npm run admin -- add-user x --password-stdin`. */
async function lineFromStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new OperatorError("No password on standard input.");
}

/** Reads a password on the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new OperatorError("No terminal to ask for the password on: use --password-stdin.");
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          done();
          return resolve(typed);
        }
        if (char === "\u0003") {
          done();
          return reject(new OperatorError("Cancelled."));
        }
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
    };
    stdin.on("data", onData);
  });
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return lineFromStdin();
  const first = await askHidden("Password (at least 12 characters): ");
  const second = await askHidden("The same password again: ");
  if (first !== second) throw new OperatorError("The two passwords differ: nothing was changed.");
  return first;
}

async function main(args: string[]): Promise<string> {
  const [command, name, ...flags] = args;
  const fromStdin = flags.includes("--password-stdin");
  const unknown = flags.filter((flag) => flag !== "--password-stdin");
  if (!command || unknown.length > 0) throw new UsageError(USAGE);
  const { database } = readConfig(process.env);
  const db = openDatabase(database);
  try {
    await migrate(db, database.kind);
    const operators = new Operators(db);
    switch (command) {
      case "add-user":
        if (!name) throw new UsageError(USAGE);
        await operators.add(name, await newPassword(fromStdin));
        return `Operator "${name}" created. Sign in at /admin/login.`;
      case "set-password":
        if (!name) throw new UsageError(USAGE);
        await operators.setPassword(name, await newPassword(fromStdin));
        return `Password of "${name}" changed; their sessions have ended.`;
      case "remove":
        if (!name) throw new UsageError(USAGE);
        await operators.remove(name);
        return `Operator "${name}" removed.`;
      case "list": {
        const all = await operators.list();
        return all.length === 0
          ? "No operators yet: npm run admin -- add-user <name>"
          : all.map((o) => `${o.name}\tcreated ${o.created_at}\tpassword changed ${o.updated_at}`).join("\n");
      }
      default:
        throw new UsageError(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
