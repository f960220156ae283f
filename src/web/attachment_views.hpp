// Attachments of an innovation as pages show them (the edit page, and the
// public profile in innovation_pages.cpp). Files are served by
// GET /lampiran/{id} and GET /lampiran/{id}/thumb (images only), which answer
// 404 for a visitor who may not see the innovation (a draft's files).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/site.hpp"

namespace lumbung::web {

struct AttachmentView {
  std::int64_t id = 0;
  std::string name;        // the uploader's file name, sanitised, for display
  std::string url;         // "/lampiran/<id>"
  std::string thumb_url;   // "/lampiran/<id>/thumb"; "" for documents
  std::string media_type;  // image/jpeg, image/png, image/webp, application/pdf
  bool image = false;
  std::int64_t size_bytes = 0;
  int width = 0;  // images: the original's pixels
  int height = 0;
};

// The attachments of innovation `innovation_id`, oldest first. With
// include_private false, nothing unless the innovation is published (a public
// page never lists a draft's files). Empty when the store fails.
std::vector<AttachmentView> attachments_for(const Site& site, std::int64_t innovation_id, bool include_private);

// For templates: [{id, name, url, thumb_url, image, size ("1,2 MB"), removable}].
nlohmann::json attachment_json(const Site& site, const std::string& lang, const std::vector<AttachmentView>& list,
                               bool removable);

}  // namespace lumbung::web
