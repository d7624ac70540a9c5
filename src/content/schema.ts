import { z } from "zod";

const slug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a lower-case ASCII slug such as "forgot-password" (a-z, 0-9 and single hyphens)',
  );

const nonEmpty = z.string().trim().min(1, "must not be empty");

// YAML turns an unquoted 2026-11-24 into a Date; editors should not have to care which they wrote.
const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({ code: "custom", message: "must be a date written YYYY-MM-DD" });
    return z.NEVER;
  }
  return text;
});

const errorCode = z
  .string()
  .regex(/^[A-Za-z]{2}\d{2}$/, "each code must be two letters and two digits, such as AE01")
  .transform((code) => code.toUpperCase());

const REVIEW_UNITS: Record<string, "day" | "week" | "month" | "year"> = {
  day: "day",
  days: "day",
  日: "day",
  week: "week",
  weeks: "week",
  週間: "week",
  month: "month",
  months: "month",
  か月: "month",
  ヶ月: "month",
  カ月: "month",
  year: "year",
  years: "year",
  年: "year",
};

/** How often an answer is due for review: "6 months", "1 year", "6か月", "1年". */
const reviewPeriod = z.string().transform((value, ctx) => {
  const match = /^\s*(\d{1,3})\s*(\S+)\s*$/u.exec(value.normalize("NFKC"));
  const unit = match && REVIEW_UNITS[match[2]!.toLowerCase()];
  const count = match ? Number(match[1]) : 0;
  if (!unit || count < 1) {
    ctx.addIssue({ code: "custom", message: 'must be a number and a unit, such as "6 months", "1 year" or "6か月"' });
    return z.NEVER;
  }
  return { count, unit, text: value.trim() };
});

// strictObject: a misspelt field name (e.g. "titel") is an error, not silently ignored.
export const questionFrontMatter = z.strictObject({
  id: slug,
  title: nonEmpty,
  category: slug,
  order: z.number().int("must be a whole number").positive("must be 1 or more"),
  codes: z.array(errorCode).default([]),
  keywords: z.array(nonEmpty).default([]),
  related: z.array(slug).default([]),
  updated: isoDate.optional(),
  /** Who keeps the answer right: a name or a team. */
  owner: nonEmpty.optional(),
  /** When it was last checked, and how often it should be. */
  reviewed: isoDate.optional(),
  review_every: reviewPeriod.optional(),
});

export const categoryFrontMatter = z.strictObject({
  id: slug,
  title: nonEmpty,
  order: z.number().int("must be a whole number").positive("must be 1 or more"),
  description: nonEmpty,
});

export const synonymsFrontMatter = z.strictObject({
  synonyms: z.array(z.array(nonEmpty).min(2, "each group needs at least two terms")),
});

// Only characters a mailto: link carries as they are: an address with ?, & or % would change the link's meaning.
const emailAddress = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
    "must be one e-mail address such as jimukyoku@example.co.jp",
  );

/** A reader is sent there from our pages: nothing but a complete https: address, with no user or password in it. */
const httpsUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url?.protocol !== "https:" || url.username !== "" || url.password !== "") {
      ctx.addIssue({ code: "custom", message: `must be a complete https: address, not ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return url.href;
  });

/** content/contact.md: the office readers are sent to when an answer does not help. */
export const contactFrontMatter = z.strictObject({
  name: nonEmpty,
  email: emailAddress.optional(),
  url: httpsUrl.optional(),
  hours: nonEmpty.optional(),
});

// A time is Japan time as the dashboard's form writes it; YAML would read an unquoted full timestamp as UTC.
const japanMinute = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (typeof value === "string") return value;
  ctx.addIssue({ code: "custom", message: 'must be Japan time in quotes, such as "2026-12-06T09:00"' });
  return z.NEVER;
});

/** content/notices/<id>.md: a planned notice, checked by the same rules as the dashboard's form. */
export const noticeFrontMatter = z.strictObject({
  title: z.string(),
  body: z.string().default(""),
  kind: z.string(),
  scope: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value.join(",") : value)),
  starts_at: japanMinute,
  ends_at: japanMinute,
});

export type QuestionFrontMatter = z.infer<typeof questionFrontMatter>;
export type CategoryFrontMatter = z.infer<typeof categoryFrontMatter>;
