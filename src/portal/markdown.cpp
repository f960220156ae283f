#include "portal/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace lumbung::portal {

namespace {

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// Makes the tree safe: drops raw HTML, empties unsafe URLs, shifts headings.
void sanitise(cmark_node* doc) {
  std::unique_ptr<cmark_iter, IterFree> it(cmark_iter_new(doc));
  std::vector<cmark_node*> drop;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        drop.push_back(n);
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const bool image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
        const char* url = cmark_node_get_url(n);
        if (url && !safe_url(url, image)) cmark_node_set_url(n, "");
        break;
      }
      case CMARK_NODE_HEADING: {
        const int level = cmark_node_get_heading_level(n);
        cmark_node_set_heading_level(n, level >= 6 ? 6 : level + 1);
        break;
      }
      default:
        break;
    }
  }
  it.reset();
  for (auto* n : drop) {
    cmark_node_unlink(n);
    cmark_node_free(n);
  }
}

std::string render_chunk(std::string_view markdown) {
  // Without CMARK_OPT_UNSAFE cmark also omits raw HTML and dangerous URLs;
  // sanitise() does not rely on that.
  std::unique_ptr<cmark_node, NodeFree> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  if (!doc) return {};
  sanitise(doc.get());
  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT);
  std::string out = html ? html : "";
  std::free(html);
  // cmark escapes attribute values, so "<img " only starts a real image tag.
  std::string lazy;
  lazy.reserve(out.size());
  std::size_t from = 0;
  for (std::size_t at; (at = out.find("<img ", from)) != std::string::npos; from = at + 5) {
    lazy.append(out, from, at - from);
    lazy += "<img loading=\"lazy\" ";
  }
  lazy.append(out, from);
  return lazy;
}

std::string render_inline(std::string_view cell) {
  auto html = render_chunk(cell);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (html.rfind("<p>", 0) == 0 && html.size() >= 7 && html.compare(html.size() - 4, 4, "</p>") == 0 &&
      html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  return html;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The cells of a table row: split on '|' not escaped with '\' and not inside
// a code span; one leading and one trailing pipe are optional.
std::vector<std::string> split_row(std::string_view line) {
  line = trim(line);
  if (!line.empty() && line.front() == '|') line.remove_prefix(1);
  if (!line.empty() && line.back() == '|' && (line.size() < 2 || line[line.size() - 2] != '\\')) line.remove_suffix(1);
  std::vector<std::string> cells;
  std::string current;
  bool in_code = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      current += '|';
      ++i;
    } else if (c == '`') {
      in_code = !in_code;
      current += c;
    } else if (c == '|' && !in_code) {
      cells.emplace_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  cells.emplace_back(trim(current));
  return cells;
}

enum class Align { none, left, center, right };

// The alignments of a separator row ("| --- | :-: | --: |"), or empty when
// the line is not one.
std::vector<Align> separator(std::string_view line) {
  if (line.find('-') == std::string_view::npos) return {};
  std::vector<Align> out;
  for (const auto& cell : split_row(line)) {
    std::string_view c = cell;
    if (c.empty()) return {};
    const bool left = c.front() == ':', right = c.back() == ':';
    if (left) c.remove_prefix(1);
    if (right && !c.empty()) c.remove_suffix(1);
    if (c.empty() || c.find_first_not_of('-') != std::string_view::npos) return {};
    out.push_back(left && right ? Align::center : right ? Align::right : left ? Align::left : Align::none);
  }
  return out;
}

const char* align_attr(Align a) {
  switch (a) {
    case Align::left:
      return " class=\"al-left\"";
    case Align::center:
      return " class=\"al-center\"";
    case Align::right:
      return " class=\"al-right\"";
    case Align::none:
      break;
  }
  return "";
}

std::string render_table(const std::vector<std::string_view>& lines, const std::vector<Align>& aligns) {
  std::string out = "<div class=\"table-scroll\"><table>\n<thead>\n<tr>";
  const auto head = split_row(lines[0]);
  for (std::size_t i = 0; i < aligns.size(); ++i)
    out += std::string("<th scope=\"col\"") + align_attr(aligns[i]) + ">" +
           render_inline(i < head.size() ? head[i] : "") + "</th>";
  out += "</tr>\n</thead>\n";
  if (lines.size() > 2) out += "<tbody>\n";
  for (std::size_t r = 2; r < lines.size(); ++r) {
    const auto cells = split_row(lines[r]);
    out += "<tr>";
    for (std::size_t i = 0; i < aligns.size(); ++i)
      out +=
          std::string("<td") + align_attr(aligns[i]) + ">" + render_inline(i < cells.size() ? cells[i] : "") + "</td>";
    out += "</tr>\n";
  }
  if (lines.size() > 2) out += "</tbody>\n";
  return out + "</table></div>\n";
}

bool is_fence(std::string_view line) {
  line = trim(line);
  return line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0;
}

bool blank(std::string_view line) { return trim(line).empty(); }

}  // namespace

bool safe_url(std::string_view url, bool image) {
  std::string scheme;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;  // browsers skip these inside a scheme
    if (c == ':') {
      if (scheme == "http" || scheme == "https") return true;
      return !image && scheme == "mailto";
    }
    if (c == '/' || c == '?' || c == '#') return true;  // relative: no scheme before the path
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
          c == '.'))
      return true;  // not a scheme character, so this is a relative path
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return true;
}

std::string render_markdown(std::string_view markdown) {
  std::vector<std::string_view> lines;
  for (std::size_t from = 0; from <= markdown.size();) {
    auto nl = markdown.find('\n', from);
    if (nl == std::string_view::npos) nl = markdown.size();
    lines.push_back(markdown.substr(from, nl - from));
    from = nl + 1;
  }
  std::string out, chunk;
  auto flush = [&] {
    if (!chunk.empty()) out += render_chunk(chunk);
    chunk.clear();
  };
  bool in_fence = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (is_fence(line)) in_fence = !in_fence;
    const bool starts_block = i == 0 || blank(lines[i - 1]);
    if (!in_fence && starts_block && line.find('|') != std::string_view::npos && i + 1 < lines.size()) {
      const auto aligns = separator(lines[i + 1]);
      if (!aligns.empty() && split_row(line).size() == aligns.size()) {
        std::vector<std::string_view> table{line, lines[i + 1]};
        std::size_t j = i + 2;
        for (; j < lines.size() && !blank(lines[j]) && lines[j].find('|') != std::string_view::npos; ++j)
          table.push_back(lines[j]);
        flush();
        out += render_table(table, aligns);
        i = j - 1;
        continue;
      }
    }
    chunk.append(line);
    chunk += '\n';
  }
  flush();
  return out;
}

std::string markdown_text(std::string_view markdown) {
  std::unique_ptr<cmark_node, NodeFree> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  if (!doc) return {};
  std::string out;
  std::unique_ptr<cmark_iter, IterFree> it(cmark_iter_new(doc.get()));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    const auto type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
      if (const char* lit = cmark_node_get_literal(n)) out += lit;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else if (ev == CMARK_EVENT_EXIT &&
               (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM)) {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace lumbung::portal
