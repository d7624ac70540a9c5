import MarkdownIt, { type Token } from "markdown-it";

export interface MarkdownLink {
  href: string;
  /** 0-based line within the Markdown source. */
  line: number;
}

export interface RenderedMarkdown {
  html: string;
  /** The visible text, one block per line: what search indexes and snippets quote. */
  text: string;
  links: MarkdownLink[];
}

// Raw HTML off: content is escaped, never trusted. Typographer off: the seed's quotes stay as written.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(source: string): RenderedMarkdown {
  const tokens = markdown.parse(source, {});
  const links: MarkdownLink[] = [];
  const text: string[] = [];
  for (const block of tokens) {
    if (block.type === "inline") {
      text.push(inlineText(block.children ?? []));
      const line = block.map?.[0] ?? 0;
      for (const child of block.children ?? []) {
        const href = child.type === "link_open" ? child.attrGet("href") : null;
        if (href !== null) links.push({ href: String(href), line });
      }
    } else if (block.type === "code_block" || block.type === "fence") {
      text.push(block.content.trimEnd());
    }
  }
  return { html: markdown.renderer.render(tokens, markdown.options, {}), text: text.join("\n"), links };
}

function inlineText(children: Token[]): string {
  return children
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return "\n";
      return "";
    })
    .join("");
}
