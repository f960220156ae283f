#include "portal/markdown.hpp"

#include <gtest/gtest.h>

using lumbung::portal::markdown_text;
using lumbung::portal::render_markdown;
using lumbung::portal::safe_url;

namespace {

bool has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

TEST(Markdown, RendersHeadingsListsLinksAndImages) {
  const auto html = render_markdown(
      "# Judul\n\nTeks *miring* dan **tebal**.\n\n- satu\n- dua\n\n"
      "[JIPPNas](https://jippnas.menpan.go.id) ![Foto](/static/a.png)\n");
  EXPECT_TRUE(has(html, "<h2>Judul</h2>")) << html;  // the page title is the h1
  EXPECT_TRUE(has(html, "<em>miring</em>"));
  EXPECT_TRUE(has(html, "<li>satu</li>"));
  EXPECT_TRUE(has(html, "<a href=\"https://jippnas.menpan.go.id\">JIPPNas</a>"));
  EXPECT_TRUE(has(html, "<img loading=\"lazy\" src=\"/static/a.png\" alt=\"Foto\""));
}

TEST(Markdown, DropsRawHtmlBlocksAndInlineTags) {
  const auto html = render_markdown(
      "<script>alert(1)</script>\n\nTeks <img src=x onerror=alert(1)> dan <b onclick=\"x()\">b</b>\n\n"
      "<div onmouseover=\"alert(1)\">blok</div>\n");
  EXPECT_FALSE(has(html, "<script")) << html;
  EXPECT_FALSE(has(html, "onerror")) << html;
  EXPECT_FALSE(has(html, "onclick")) << html;
  EXPECT_FALSE(has(html, "onmouseover")) << html;
  EXPECT_FALSE(has(html, "<div")) << html;
  EXPECT_FALSE(has(html, "<b ")) << html;
}

TEST(Markdown, NeutralisesJavascriptAndDataUrls) {
  for (const char* md : {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](java&#x09;script:alert(1))",
                         "[x](&#106;avascript:alert(1))", "![x](data:image/png;base64,AAAA)",
                         "[x](data:text/html,<script>alert(1)</script>)", "<javascript:alert(1)>",
                         "[x][r]\n\n[r]: javascript:alert(1)", "[x](vbscript:msgbox)", "![x](javascript:alert(1))"}) {
    // The text may still read "javascript:..."; no href or src holds a URL other than "".
    const auto html = render_markdown(md);
    EXPECT_FALSE(has(html, "href=\"j")) << md << " -> " << html;
    EXPECT_FALSE(has(html, "href=\"J")) << md << " -> " << html;
    EXPECT_FALSE(has(html, "href=\"d")) << md << " -> " << html;
    EXPECT_FALSE(has(html, "href=\"v")) << md << " -> " << html;
    EXPECT_FALSE(has(html, "src=\"j")) << md << " -> " << html;
    EXPECT_FALSE(has(html, "src=\"d")) << md << " -> " << html;
    EXPECT_TRUE(has(html, "href=\"\"") || has(html, "src=\"\"")) << md << " -> " << html;
  }
}

TEST(Markdown, EscapesTextAndAttributeQuotes) {
  const auto html = render_markdown("[a](https://x.id/\"onmouseover=\"alert(1)) 1 < 2 & \"q\"");
  EXPECT_FALSE(has(html, "\"onmouseover")) << html;
  EXPECT_TRUE(has(html, "1 &lt; 2 &amp;")) << html;
}

TEST(Markdown, RendersPipeTablesWithAlignmentAndSanitisedCells) {
  const auto html = render_markdown(
      "Tabel:\n\n| Daerah | Inovasi |\n|:--|--:|\n| Makassar | **12** |\n| Bone <script>x</script> | [a](javascript:b) "
      "|\n\nSesudah.\n");
  EXPECT_TRUE(has(html, "<table>")) << html;
  EXPECT_TRUE(has(html, "<th scope=\"col\" class=\"al-left\">Daerah</th>")) << html;
  EXPECT_TRUE(has(html, "<td class=\"al-right\"><strong>12</strong></td>")) << html;
  EXPECT_FALSE(has(html, "<script")) << html;
  EXPECT_FALSE(has(html, "javascript:")) << html;
  EXPECT_TRUE(has(html, "<p>Sesudah.</p>")) << html;
}

TEST(Markdown, PipesInCodeAndEscapedPipesStayInTheirCell) {
  const auto html = render_markdown("| a | b |\n|---|---|\n| `x|y` | c \\| d |\n");
  EXPECT_TRUE(has(html, "<code>x|y</code>")) << html;
  EXPECT_TRUE(has(html, "c | d")) << html;
}

TEST(Markdown, NotATableWithoutSeparatorOrInsideCode) {
  EXPECT_FALSE(has(render_markdown("a | b\nc | d\n"), "<table>"));
  EXPECT_FALSE(has(render_markdown("```\n| a | b |\n|---|---|\n```\n"), "<table>"));
  EXPECT_FALSE(has(render_markdown("| a | b |\n|---|\n"), "<table>"));  // cell counts differ
}

TEST(Markdown, SafeUrl) {
  EXPECT_TRUE(safe_url("https://a.id", false));
  EXPECT_TRUE(safe_url("/berita/x", false));
  EXPECT_TRUE(safe_url("#bagian", false));
  EXPECT_TRUE(safe_url("mailto:a@b.id", false));
  EXPECT_FALSE(safe_url("mailto:a@b.id", true));
  EXPECT_FALSE(safe_url("javascript:alert(1)", false));
  EXPECT_FALSE(safe_url(" java\tscript:alert(1)", false));
  EXPECT_FALSE(safe_url("data:image/png;base64,AA", true));
  EXPECT_FALSE(safe_url("file:///etc/passwd", false));
}

TEST(Markdown, PlainText) {
  EXPECT_EQ(markdown_text("# Judul\n\nSatu **dua** [tiga](https://x.id)."), "Judul Satu dua tiga.");
}

}  // namespace
