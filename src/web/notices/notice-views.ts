import { answerByCode } from "../../content/answer-by-code.js";
import type { Content } from "../../content/types.js";
import { bodySegments, type Notice, readableJapanTime } from "../../notices/notice.js";
import { homeLines, type NoticeTarget, reaches } from "../../notices/notice-reach.js";
import { urls } from "../pages/urls.js";
import type { NoticeView } from "../pages/view-contract.js";

const LABELS = { info: "お知らせ", outage: "障害" } as const;

function view(notice: Notice, line: { href: string } | undefined): NoticeView {
  return {
    kind: notice.kind,
    label: LABELS[notice.kind],
    title: notice.title,
    segments: line ? [] : bodySegments(notice.body),
    until: `${readableJapanTime(notice.endsAt)} まで`,
    href: line?.href,
    line: line !== undefined,
  };
}

/**
 * The notices a page shows, as it shows them: in full where the scope reaches the page; on the home page,
 * besides the site's own notices, one line per error-code notice linking to that code's answer.
 */
export function noticesOn(target: NoticeTarget, active: readonly Notice[], content: Content): NoticeView[] {
  const full = active.filter((notice) => reaches(notice, target)).map((notice) => view(notice, undefined));
  if (target.kind !== "home") return full;
  const lines = homeLines(active).flatMap(({ notice, code }) => {
    const answer = answerByCode(content).get(code);
    return answer ? [view(notice, { href: urls.question(answer.id) })] : [];
  });
  return [...full, ...lines];
}
