import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/markdown/render-markdown.js";

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of passing it through", () => {
    const { html } = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("links bare URLs and keeps the seed's quotes as written", () => {
    const { html } = renderMarkdown("Services360: https://s360.hp.com/index.do?cty_id=ap5 の “サイト”");
    expect(html).toContain(
      '<a href="https://s360.hp.com/index.do?cty_id=ap5">https://s360.hp.com/index.do?cty_id=ap5</a>',
    );
    expect(html).toContain("“サイト”");
  });

  it("refuses javascript: links", () => {
    expect(renderMarkdown("[x](javascript:alert(1))").html).not.toContain("href");
  });

  it("renders numbered steps and lists", () => {
    const { html } = renderMarkdown("1. 一つ目\n2. 二つ目\n\n- 旧メールアドレス\n- 新メールアドレス");
    expect(html).toContain("<ol>\n<li>一つ目</li>");
    expect(html).toContain("<ul>\n<li>旧メールアドレス</li>");
  });

  it("gives plain text one block per line, and the links with their source line", () => {
    const result = renderMarkdown(
      "一行目\n\n詳しくは[こちら](/questions/forgot-password)を参照\n\n`https://*.hp.com` を追加",
    );
    expect(result.text).toBe("一行目\n詳しくはこちらを参照\nhttps://*.hp.com を追加");
    expect(result.links).toEqual([{ href: "/questions/forgot-password", line: 2 }]);
  });
});
