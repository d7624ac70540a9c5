/** UTF-8's byte order mark: without it, Excel in Japan reads UTF-8 as Shift_JIS and shows mojibake. */
export const BOM = "\uFEFF";

/**
 * One CSV cell. Quoted when it holds a comma, quote or line break; a cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, as OWASP's CSV injection page says.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type Row = ReadonlyArray<string | number | null | undefined>;

/** Rows written per piece of a streamed file: a few tens of kilobytes, then the event loop is let go. */
export const ROWS_PER_PIECE = 500;

/**
 * A file in pieces, as it is sent: BOM and header row first, then the rows a few hundred at a time, each
 * line ended with CRLF (RFC 4180). Only one piece is ever text in memory, however many rows there are.
 */
export function* csvPieces(
  header: readonly string[],
  rows: readonly Row[],
  perPiece = ROWS_PER_PIECE,
): Generator<string> {
  yield `${BOM}${header.map(csvCell).join(",")}\r\n`;
  for (let start = 0; start < rows.length; start += perPiece)
    yield `${rows
      .slice(start, start + perPiece)
      .map((row) => row.map(csvCell).join(","))
      .join("\r\n")}\r\n`;
}
