// libFuzzer target: the news/guides Markdown renderer never crashes and its
// output only holds the tags and attributes it is meant to write, with every
// href/src a safe URL (no script, event handler, javascript: or data: URL).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "portal/markdown.hpp"

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Decodes the entities cmark writes in attributes (&amp; &quot; &lt; &gt; &#NN;).
std::string unescape(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    const auto semi = v.find(';', i);
    if (semi == std::string_view::npos) std::abort();  // cmark always closes entities
    const auto name = v.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out += '&';
    else if (name == "quot")
      out += '"';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (!name.empty() && name[0] == '#')
      out += '?';
    else
      std::abort();
    i = semi;
  }
  return out;
}

void check(const std::string& html) {
  static const std::set<std::string> kTags = {
      "p",    "h2",  "h3",         "h4", "h5", "h6",    "em",    "strong", "a",  "img", "ul", "ol", "li",
      "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody",  "tr", "th",  "td", "div"};
  static const std::set<std::string> kAttributes = {"href",  "src",   "alt",     "title",
                                                    "class", "scope", "loading", "start"};
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<') continue;
    std::size_t j = i + 1;
    if (j < html.size() && html[j] == '/') ++j;
    std::size_t k = j;
    while (k < html.size() && ((html[k] >= 'a' && html[k] <= 'z') || (html[k] >= '0' && html[k] <= '9'))) ++k;
    const auto tag = html.substr(j, k - j);
    if (!kTags.count(tag)) std::abort();  // any other '<' is escaped as &lt;
    // Attributes: name="value" pairs until '>' or '/>'.
    while (k < html.size() && html[k] != '>') {
      while (k < html.size() && (html[k] == ' ' || html[k] == '/')) ++k;
      if (k >= html.size() || html[k] == '>') break;
      const auto eq = html.find('=', k);
      if (eq == std::string::npos || eq + 1 >= html.size() || html[eq + 1] != '"') std::abort();
      const auto name = lower(std::string_view(html).substr(k, eq - k));
      if (!kAttributes.count(name)) std::abort();
      const auto end = html.find('"', eq + 2);
      if (end == std::string::npos) std::abort();
      const auto value = unescape(std::string_view(html).substr(eq + 2, end - eq - 2));
      if (name == "href" && !lumbung::portal::safe_url(value, false)) std::abort();
      if (name == "src" && !lumbung::portal::safe_url(value, true)) std::abort();
      k = end + 1;
    }
    i = k;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(lumbung::portal::render_markdown(text));
  (void)lumbung::portal::markdown_text(text);
  return 0;
}
