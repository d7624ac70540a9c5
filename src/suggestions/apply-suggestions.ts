import { checkContent, reportLines } from "../checks/check-content.js";
import { ContentError } from "../content/content-error.js";
import { loadContent } from "../content/load-content.js";
import type { Db } from "../db/open-database.js";
import { contentReader, repositoryPath, writeChanges } from "./content-files.js";
import { contentChanges, patchOf } from "./suggestion-patch.js";
import { describe, SuggestionStore } from "./suggestion-store.js";

export interface ApplyOutcome {
  /** What to print: the accepted suggestions, and the patch or what was written and checked. */
  lines: string[];
  ok: boolean;
}

/**
 * `npm run suggestions`: the accepted suggestions as a patch against `contentDir`; with `apply`, written into
 * it and then checked as `npm run check` checks. When the check fails, every file is put back as it was.
 */
export async function applyAccepted(db: Db, contentDir: string, apply: boolean): Promise<ApplyOutcome> {
  const accepted = (await new SuggestionStore(db).decisions()).filter((d) => d.status === "accepted");
  if (accepted.length === 0)
    return { lines: ["No accepted suggestions: accept some on /admin/suggestions."], ok: true };
  const lines = [`${accepted.length} accepted suggestion${accepted.length === 1 ? "" : "s"}:`];
  for (const decision of accepted)
    lines.push(`  - ${describe(decision.suggestion)} (accepted by ${decision.decidedBy}, ${decision.decidedAt})`);
  const content = await loadContent(contentDir);
  const { changes, refused } = contentChanges(
    accepted.map((d) => d.suggestion),
    content,
    contentReader(contentDir),
  );
  for (const reason of refused) lines.push(`Not written: ${reason}`);
  if (changes.length === 0) return { lines: [...lines, "content/ has every one of them already."], ok: true };
  if (!apply) return { lines: [...lines, "", patchOf(changes, repositoryPath(contentDir)).trimEnd()], ok: true };
  writeChanges(contentDir, changes, "after");
  lines.push(`Written: ${changes.map((c) => c.file).join(", ")}.`);
  try {
    const checked = reportLines(contentDir, await checkContent(contentDir), false);
    if (checked.ok) return { lines: [...lines, ...checked.lines], ok: true };
    writeChanges(contentDir, changes, "before");
    return { lines: [...lines, ...checked.lines, "The check failed: every file is back as it was."], ok: false };
  } catch (error) {
    writeChanges(contentDir, changes, "before");
    const message = error instanceof ContentError ? error.message : String(error);
    return { lines: [...lines, message, "The check failed: every file is back as it was."], ok: false };
  }
}
