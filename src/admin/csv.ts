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

/** A whole file: BOM, header row, rows, CRLF line ends (RFC 4180). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return `${BOM + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
