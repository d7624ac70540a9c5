// 「この回答で問題は解決しましたか？」: without this the form posts to /feedback and a thank-you page follows;
// with it the vote is sent by fetch and the thanks appear in place, announced by the status region, with
// focus kept inside the widget.

const THANKS = {
  yes: "ご回答ありがとうございました。",
  no: "ご回答ありがとうございました。",
  details: "ご意見ありがとうございました。回答の改善に役立てます。",
};
const REFUSED: Record<number, string> = {
  429: "短い時間に送信が集中しました。少し待ってからもう一度お試しください。",
  503: "ただいま評価を受け付けられません。時間をおいてもう一度お試しください。",
};
const NOT_SENT = "送信できませんでした。入力内容をご確認ください。";

interface Vote {
  question: string;
  helpful: boolean;
  reason?: string;
  comment?: string;
}

/** The widget's parts, each found once per submission. */
interface Widget {
  status: HTMLElement;
  more: HTMLElement;
  next: HTMLElement;
  vote: HTMLElement;
}

function partsOf(form: HTMLFormElement): Widget | undefined {
  const find = (name: string) => form.querySelector<HTMLElement>(`[data-feedback-${name}]`);
  const [status, next, vote] = [find("status"), find("next"), find("vote")];
  const more = find("more") ?? (next ? addMore(form, next) : null);
  return status && more && next && vote ? { status, more, next, vote } : undefined;
}

const ID_ATTRIBUTES = ["id", "for", "aria-labelledby", "aria-describedby"];

/**
 * The reason and comment fields, from the page's one template (a listing page has a widget per answer), with
 * ids of this widget's own, put before the next step.
 */
function addMore(form: HTMLFormElement, next: HTMLElement): HTMLElement | null {
  const template = document.querySelector<HTMLTemplateElement>("template[data-feedback-template]");
  const question = (form.elements.namedItem("question") as HTMLInputElement | null)?.value;
  const more = template?.content.firstElementChild?.cloneNode(true);
  if (!(more instanceof HTMLElement) || !question) return null;
  for (const element of [more, ...more.querySelectorAll("*")]) {
    for (const name of ID_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null) element.setAttribute(name, value.split("{question}").join(question));
    }
  }
  next.before(more);
  return more;
}

function voteOf(form: HTMLFormElement, button: HTMLButtonElement, details: boolean): Vote {
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  const vote: Vote = { question: field("question")?.value ?? "", helpful: button.value === "yes" };
  if (details) {
    const checked = form.querySelector<HTMLInputElement>("input[name=reason]:checked");
    if (checked) vote.reason = checked.value;
    vote.comment = field("comment")?.value ?? "";
  }
  return vote;
}

/** What the widget shows once the server has taken the vote. */
function thank(widget: Widget, vote: Vote, details: boolean): void {
  widget.vote.hidden = true;
  if (vote.helpful) {
    widget.status.textContent = THANKS.yes;
    widget.status.focus();
  } else if (!details) {
    widget.status.textContent = THANKS.no;
    widget.more.hidden = false;
    widget.next.hidden = false;
    widget.more.focus();
  } else {
    widget.status.textContent = THANKS.details;
    widget.more.hidden = true;
    widget.next.hidden = false;
    widget.status.focus();
  }
}

function refuse(widget: Widget, message: string): void {
  widget.status.textContent = message;
  widget.status.focus();
}

export function enableFeedbackWidget(): void {
  let lastClicked: HTMLButtonElement | undefined;
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-feedback] button[type=submit]") : null;
    if (button instanceof HTMLButtonElement) lastClicked = button;
  });
  document.addEventListener("submit", (event) => {
    const form = event.target instanceof Element ? event.target.closest("[data-feedback]") : null;
    if (!(form instanceof HTMLFormElement) || !window.fetch) return;
    const widget = partsOf(form);
    const button = (event.submitter as HTMLButtonElement | null) ?? lastClicked;
    if (!widget || !button || !form.contains(button)) return;
    event.preventDefault();
    const details = button.hasAttribute("data-feedback-send");
    const vote = voteOf(form, button, details);
    button.disabled = true;
    fetch("/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(vote),
    })
      .then((response) => {
        button.disabled = false;
        if (response.status === 201) thank(widget, vote, details);
        else refuse(widget, REFUSED[response.status] ?? NOT_SENT);
      })
      .catch(() => {
        button.disabled = false;
        refuse(widget, REFUSED[503] ?? NOT_SENT);
      });
  });
}
