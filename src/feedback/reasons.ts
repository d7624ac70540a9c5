/** Why an answer did not help, as a reader can say it after いいえ. The codes are what is stored. */
export const REASONS = [
  { code: "not-solved", label: "手順どおりにしても解決しない" },
  { code: "unclear", label: "説明がわかりにくい" },
  { code: "missing", label: "知りたい内容が載っていない" },
  { code: "other", label: "その他" },
] as const;

export type ReasonCode = (typeof REASONS)[number]["code"];

const CODES: ReadonlySet<string> = new Set(REASONS.map((reason) => reason.code));

export const isReason = (value: string): value is ReasonCode => CODES.has(value);

export const reasonLabel = (code: string): string => REASONS.find((reason) => reason.code === code)?.label ?? code;

export const MAX_COMMENT_CHARS = 1000;
