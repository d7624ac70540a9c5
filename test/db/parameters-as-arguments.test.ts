import { describe, expect, it } from "vitest";
import { parametersAsArguments, type ArgumentsStatement } from "../../src/db/parameters-as-arguments.js";

describe("parametersAsArguments", () => {
  it("hands Kysely's one array of parameters to the statement as arguments, in order, and says whether it reads", () => {
    const calls: unknown[][] = [];
    const statement: ArgumentsStatement = {
      all: (...params) => {
        calls.push(["all", ...params]);
        return [{ n: 1 }];
      },
      run: (...params) => {
        calls.push(["run", ...params]);
        return { changes: 1, lastInsertRowid: 7 };
      },
      iterate: (...params) => {
        calls.push(["iterate", ...params]);
        return [{ n: 2 }][Symbol.iterator]();
      },
    };
    const adapted = parametersAsArguments(statement, true);
    expect(adapted.reader).toBe(true);
    expect(adapted.all(["a", 1, null])).toEqual([{ n: 1 }]);
    expect(adapted.run([2, "b"])).toEqual({ changes: 1, lastInsertRowid: 7 });
    expect([...adapted.iterate([])]).toEqual([{ n: 2 }]);
    expect(calls).toEqual([["all", "a", 1, null], ["run", 2, "b"], ["iterate"]]);
    expect(parametersAsArguments(statement, false).reader).toBe(false);
  });
});
