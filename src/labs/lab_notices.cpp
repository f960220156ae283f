#include "labs/lab_notices.hpp"

#include <set>

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

std::string idea_link(const Lab& lab, const Idea& idea) {
  return "/lab/" + std::to_string(lab.id) + "/ide/" + std::to_string(idea.id);
}

Status post_to(soci::session& sql, const std::set<std::int64_t>& users, notify::Notice n, std::int64_t now) {
  for (auto user : users) {
    n.user_id = user;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

notify::Notice lab_notice(const Lab& lab, std::string event) {
  notify::Notice n;
  n.category = notify::Category::lab;
  n.event = std::move(event);
  n.group = "lab:" + std::to_string(lab.id);
  n.group_label = lab.name;
  return n;
}

std::set<std::int64_t> participants_of(soci::session& sql, const Idea& idea) {
  const auto users = notify::grant_holders(sql, "participant", "unit", std::to_string(idea.unit_id));
  return {users.begin(), users.end()};
}

}  // namespace

Status notify_gate(soci::session& sql, const Lab& lab, const Idea& idea, const std::string& stage, bool completed,
                   const std::string& reason, std::int64_t now) {
  auto n = lab_notice(lab, completed ? "lab.stage_completed" : "lab.stage_returned");
  n.params = {{"stage", stage_title(stage)}, {"idea", idea.title}};
  if (!completed) n.params["reason"] = reason;
  n.link = idea_link(lab, idea) + "?tahap=" + stage;
  return post_to(sql, participants_of(sql, idea), std::move(n), now);
}

Status notify_comment(soci::session& sql, const Lab& lab, const Idea& idea, std::int64_t coach_user_id,
                      std::int64_t parent_author_id, const Comment& comment, std::int64_t now) {
  auto recipients = participants_of(sql, idea);
  if (coach_user_id != 0) recipients.insert(coach_user_id);
  if (parent_author_id != 0) recipients.insert(parent_author_id);
  recipients.erase(comment.author_id);
  auto n = lab_notice(lab, "lab.comment");
  n.params = {{"author", comment.author_name}, {"stage", stage_title(comment.stage)}, {"idea", idea.title}};
  n.link = idea_link(lab, idea) + "?tahap=" + comment.stage + "#komentar-" + std::to_string(comment.id);
  return post_to(sql, recipients, std::move(n), now);
}

Status notify_verdict(soci::session& sql, const Lab& lab, const Idea& idea, const Verdict& verdict, std::int64_t now) {
  auto n = lab_notice(lab, "lab.verdict_" + verdict.verdict);
  n.params = {{"reviewer", verdict.reviewer_name}, {"idea", idea.title}};
  n.link = idea_link(lab, idea);
  return post_to(sql, participants_of(sql, idea), std::move(n), now);
}

}  // namespace lumbung::labs
