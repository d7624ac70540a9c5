import matter from "gray-matter";
import type { ContentProblem } from "./content-error.js";
import { lineToFix } from "./yaml-error-line.js";

export interface SourceFile {
  /** Front-matter as parsed YAML, not yet validated. */
  data: Record<string, unknown>;
  /** The Markdown after the front-matter. */
  body: string;
  /** Raw front-matter lines, to point at the line of a field. */
  frontMatterLines: string[];
}

export type ReadResult = { ok: true; source: SourceFile } | { ok: false; problem: ContentProblem };

const utf8 = new TextDecoder("utf-8", { fatal: true });

interface YamlException {
  name: string;
  reason?: string;
  mark?: { line: number };
}

function isYamlException(error: unknown): error is YamlException {
  return error instanceof Error && error.name === "YAMLException";
}

/** Decodes and splits one content file; every failure is returned as a located problem, never thrown. */
export function readSourceFile(bytes: Uint8Array, file: string): ReadResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail({ file, message: "is not valid UTF-8 text.", fix: "save the file with UTF-8 encoding." });
  }
  // Editors on Windows save a BOM and CRLF; neither should change what the site shows.
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") {
    return fail({ file, message: "is empty.", fix: "add YAML front-matter between --- lines, or delete the file." });
  }
  if (!text.startsWith("---\n")) {
    return fail({
      file,
      line: 1,
      message: "does not start with YAML front-matter.",
      fix: "begin the file with a line '---', the fields, then another '---'.",
    });
  }
  const closing = text.indexOf("\n---", 3);
  if (closing === -1) {
    return fail({
      file,
      line: 1,
      message: "front-matter is never closed.",
      fix: "end the front-matter with a line '---'.",
    });
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    // Always pass options: without them gray-matter caches by input and hands back a stale result.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    if (isYamlException(error)) {
      // gray-matter hands js-yaml the text from the end of the opening "---", so its 0-based line is the file line minus one.
      const reported = error.mark === undefined ? undefined : error.mark.line + 1;
      const line = reported === undefined ? undefined : lineToFix(text.slice(4, closing).split("\n"), reported);
      return fail({
        file,
        line,
        message: `YAML syntax error: ${error.reason ?? error.name}.`,
        fix:
          line !== reported
            ? 'close the bracket or quote this line opens: a list is written [a, b] on one line, a quoted value "...".'
            : "check indentation, the colon after each field name, and quote values that contain ': ' or start with a special character.",
      });
    }
    throw error;
  }
  const data: unknown = parsed.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return fail({
      file,
      line: 2,
      message: "front-matter is not a set of 'field: value' lines.",
      fix: "write one 'field: value' per line.",
    });
  }
  return {
    ok: true,
    source: {
      data: data as Record<string, unknown>,
      body: parsed.content.replace(/^\n+/, ""),
      frontMatterLines: text.slice(4, closing).split("\n"),
    },
  };
}

/** 1-based file line of a top-level front-matter field, so an error can point at it. */
export function lineOfField(source: SourceFile, field: string): number | undefined {
  const index = source.frontMatterLines.findIndex((line) => line.startsWith(`${field}:`));
  return index === -1 ? undefined : index + 2;
}

function fail(problem: ContentProblem): ReadResult {
  return { ok: false, problem };
}
