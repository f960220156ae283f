// Markdown of news and guides to HTML that is safe to insert into a page:
// CommonMark (cmark) without raw HTML (every HTML block or inline is dropped),
// links and images only to http(s), mailto (links) or relative URLs (anything
// else, e.g. javascript: or data:, loses its URL), headings shifted one level
// down (the page's title is the h1), images lazy-loaded, and pipe tables
// (GitHub style: a header row, a --- separator row, body rows) rendered as
// HTML tables with each cell's inline Markdown sanitised the same way.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::portal {

std::string render_markdown(std::string_view markdown);

// Whether `url` may be a link's href (image = false) or an image's src
// (image = true): relative, or http/https (and mailto for links). Control
// characters and whitespace inside the scheme are ignored as browsers do.
bool safe_url(std::string_view url, bool image);

// Plain text of the Markdown (no markup), for summaries and search.
std::string markdown_text(std::string_view markdown);

}  // namespace lumbung::portal
