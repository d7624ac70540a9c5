import type { z } from "zod";
import type { ContentProblem } from "./content-error.js";
import { lineOfField, type SourceFile } from "./read-source-file.js";

const fixes: Record<string, string> = {
  id: "give a unique lower-case slug, e.g. id: forgot-password.",
  title: "write the question as the reader would see it, e.g. title: パスワードを忘れました.",
  category: "use the id of a file in content/categories/, e.g. category: hp-account.",
  order: "give the position in its list as a whole number, e.g. order: 3.",
  codes: "list error codes in brackets, e.g. codes: [AE01].",
  keywords: "list extra search terms in brackets, e.g. keywords: [パスワード 再設定].",
  related: "list ids of other questions in brackets, e.g. related: [forgot-password].",
  updated: "write the date of the last change as YYYY-MM-DD.",
  description: "write one sentence describing the category.",
  name: "write the office's name as the answers call it, e.g. name: HP Advantageplus 事務局.",
  email: "write one address, e.g. email: jimukyoku@example.co.jp.",
  url: "write the contact form's full address starting with https://.",
  hours: "write when the office answers, as one line.",
  kind: "write info (お知らせ) or outage (障害).",
  scope: "write site, category:<id>, question:<id> or code:<AE..>, several separated by commas.",
  starts_at: 'write the start in Japan time, in quotes: starts_at: "2026-12-06T09:00".',
  ends_at: 'write the end in Japan time, in quotes, at most 31 days after the start: ends_at: "2026-12-06T18:00".',
  body: "write the notice as plain text (https: links become links).",
  synonyms: "write groups of interchangeable terms, e.g. synonyms: [[メアド, メールアドレス]].",
};

/** What an editor should do about a field. */
export const fixOf = (field: string): string | undefined => fixes[field];

function describeIssue(issue: z.core.$ZodIssue): string {
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && issue.input === undefined)
    return "is required but missing.";
  if (issue.code === "invalid_type")
    return `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}, not ${JSON.stringify(issue.input)}.`;
  return `${issue.message}.`;
}

/** Validates front-matter against a schema, turning every issue into a problem that names the field and its line. */
export function validateFrontMatter<T>(
  schema: z.ZodType<T>,
  source: SourceFile,
  file: string,
): { ok: true; value: T } | { ok: false; problems: ContentProblem[] } {
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): ContentProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        file,
        field: key,
        ...withLine(source, key),
        message: "is not a known field (misspelt?).",
        fix: `use only: ${Object.keys(fixes).join(", ")} (as fits the file).`,
      }));
    }
    const field = String(issue.path[0] ?? "");
    const where = issue.path.length > 1 ? `${field}[${issue.path.slice(1).join("][")}]` : field;
    return [
      {
        file,
        field: where,
        ...withLine(source, field),
        message: describeIssue(issue),
        fix: fixes[field],
      },
    ];
  });
  return { ok: false, problems };
}

function withLine(source: SourceFile, field: string): { line: number | undefined } {
  return { line: lineOfField(source, field) };
}
