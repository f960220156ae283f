// Writing innovations: drafts, edits, review and publication, history and
// diffs, attachments.
#include "web/site.hpp"

namespace lumbung::web {

void register_editor_pages(http::Router&, const Site&) {}

}  // namespace lumbung::web
