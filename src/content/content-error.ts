/** One thing wrong with the content, located precisely enough for an editor to fix it. */
export interface ContentProblem {
  /** Path of the file, relative to the content folder. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Front-matter field, when the problem is about one. */
  field?: string;
  /** What is wrong. */
  message: string;
  /** What the editor should do about it. */
  fix?: string;
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field === undefined ? "" : ` field "${problem.field}":`;
  const fix = problem.fix === undefined ? "" : ` Fix: ${problem.fix}`;
  return `${where}:${field} ${problem.message}${fix}`;
}

/** Thrown when the content folder cannot be served; carries every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(dir: string, problems: readonly ContentProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Invalid content in ${dir} (${count}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
      options,
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}
