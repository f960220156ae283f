#include "labs/lab_notices.hpp"

#include "labs/lab_store.hpp"
#include "notify/notify.hpp"

namespace lumbung::labs {

namespace {

// The stage as the catalogue's stage names write it (the same in both languages).
std::string stage_title(const std::string& stage) {
  static const std::map<std::string, std::string> kTitles = {
      {"drumup", "Drum-up"},    {"diagnose", "Diagnose"}, {"design", "Design"},
      {"delivery", "Delivery"}, {"display", "Display"},   {"documentation", "Documentation"}};
  auto it = kTitles.find(stage);
  return it == kTitles.end() ? stage : it->second;
}

}  // namespace

Status notify_gate(soci::session& sql, const Lab& lab, const Idea& idea, const std::string& stage, bool completed,
                   const std::string& reason, std::int64_t now) {
  const auto recipients = notify::grant_holders(sql, "participant", "unit", std::to_string(idea.unit_id));
  for (auto user : recipients) {
    notify::Notice n;
    n.user_id = user;
    n.category = notify::Category::lab;
    n.event = completed ? "lab.stage_completed" : "lab.stage_returned";
    n.params = {{"stage", stage_title(stage)}, {"idea", idea.title}};
    if (!completed) n.params["reason"] = reason;
    n.link = "/lab/" + std::to_string(lab.id) + "/ide/" + std::to_string(idea.id) + "?tahap=" + stage;
    n.group = "lab:" + std::to_string(lab.id);
    n.group_label = lab.name;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

}  // namespace lumbung::labs
