import { describe, expect, it } from "vitest";
import { lessonTitle, renderMarkdown } from "~/modules/content/markdown.server";

describe("renderMarkdown", () => {
  it("drops the leading # Title and renders the rest", () => {
    const html = renderMarkdown("\n# Mở đầu\n\nĐoạn **một**.\n\n## Phần hai\n\n- a\n- b\n");
    expect(html).not.toContain("Mở đầu");
    expect(html).toContain("<p>Đoạn <strong>một</strong>.</p>");
    expect(html).toContain("<h2>Phần hai</h2>");
    expect(html).toContain("<li>a</li>");
  });

  it("keeps a body that does not start with a title", () => {
    expect(renderMarkdown("Chỉ có đoạn văn.")).toBe("<p>Chỉ có đoạn văn.</p>");
  });

  it("keeps tables, code, blockquotes", () => {
    const html = renderMarkdown(
      "# T\n\n| A | B |\n| :-- | --: |\n| 1 | 2 |\n\n> trích\n\n```js\nlet x = 1 < 2;\n```\n",
    );
    expect(html).toContain("<table>");
    expect(html).toMatch(/<td( align="left")?>1<\/td>/);
    expect(html).toContain("<blockquote>");
    expect(html).toContain('<code class="language-js">let x = 1 &lt; 2;');
  });

  it("strips <script> with its content", () => {
    const html = renderMarkdown(
      "# T\n\nTrước<script>alert(1)</script>sau\n\n<script>\nfetch('/x')\n</script>\n",
    );
    expect(html).not.toMatch(/script|alert|fetch/);
    expect(html).toContain("Trước");
  });

  it("strips inline event handlers and style attributes", () => {
    const html = renderMarkdown(
      '# T\n\n<img src="/img/a.png" onerror="alert(1)" style="width:1px">\n\n<p onclick="x()" style="color:red">p</p>\n\n<a href="/b" onmouseover="x()">b</a>',
    );
    expect(html).not.toMatch(/onerror|onclick|onmouseover|style|alert/);
    expect(html).toContain('<img src="/img/a.png" />');
  });

  it("removes javascript: and data: links, keeps http(s) and relative ones with rel", () => {
    const html = renderMarkdown(
      [
        "# T",
        "",
        '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) <a href="jav&#x09;ascript:alert(3)">z</a>',
        "[d](data:text/html;base64,PHNjcmlwdD4=)",
        "[ok](https://example.gov.vn/a) [rel](/khoa-hoc/attt) [v](vbscript:x)",
      ].join("\n"),
    );
    expect(html).not.toMatch(/javascript|vbscript|data:|alert/i);
    expect(html).toContain('<a href="https://example.gov.vn/a" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('<a href="/khoa-hoc/attt" rel="noopener noreferrer">rel</a>');
    expect(html).not.toMatch(/<a href="javascript/);
  });

  it("overrides rel and drops target/other attributes on links", () => {
    const html = renderMarkdown('<a href="https://a.vn" rel="opener" target="_blank" class="x">a</a>');
    expect(html).toBe('<p><a href="https://a.vn" rel="noopener noreferrer">a</a></p>');
  });

  it("keeps only site-relative images", () => {
    const html = renderMarkdown(
      "![a](/images/a.png) ![b](https://evil.example/b.png) ![c](//evil.example/c.png) ![d](data:image/png;base64,AAAA) ![e](anh.png)",
    );
    expect(html).toContain('<img src="/images/a.png" alt="a" />');
    expect(html).not.toMatch(/evil|data:|anh\.png/);
  });

  it("drops iframes, forms, styles and svg", () => {
    const html = renderMarkdown(
      '<iframe src="https://x"></iframe><form action="/x"><input name="a"></form><style>p{}</style><svg onload="x()"></svg>ok',
    );
    expect(html).not.toMatch(/iframe|form|input|style|svg|onload/);
    expect(html).toContain("ok");
  });
});

describe("lessonTitle", () => {
  it("reads the first non-empty line as # Title", () => {
    expect(lessonTitle("\n\n#  Mật khẩu mạnh  \n\nnội dung")).toBe("Mật khẩu mạnh");
    expect(lessonTitle("# Tiêu đề #\n")).toBe("Tiêu đề");
  });
  it("is null when the first line is not a level-1 heading", () => {
    expect(lessonTitle("## Phụ\n# Chính")).toBeNull();
    expect(lessonTitle("Văn bản\n# Chính")).toBeNull();
    expect(lessonTitle("#\n")).toBeNull();
    expect(lessonTitle("")).toBeNull();
  });
});
