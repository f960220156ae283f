#include "replication/replication_service.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "directory/attachment_rules.hpp"
#include "directory/attachment_service.hpp"
#include "directory/innovation_rules.hpp"
#include "replication/replication_notices.hpp"
#include "replication/replication_rules.hpp"
#include "replication/service_support.hpp"
#include "store/outbox.hpp"

namespace lumbung::replication {

namespace {

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

nlohmann::json offer_json(const Offer& o) {
  return {{"willing", o.willing},     {"guides", o.guides},   {"sop", o.sop},
          {"documents", o.documents}, {"contact", o.contact}, {"costs", o.costs}};
}

nlohmann::json request_json(const Request& r) {
  return {{"innovation_id", r.innovation_id},
          {"adopter_region_code", r.adopter_region_code},
          {"mode", r.mode},
          {"proposed_mode", r.proposed_mode},
          {"state", r.state},
          {"reason", r.reason}};
}

Status add_event(soci::session& sql, std::int64_t request_id, const std::string& action, std::int64_t actor,
                 const std::string& note, std::int64_t now) {
  auto id = store::next_id(sql, "replication_events");
  if (!id) return id.error();
  insert_event(sql, Event{*id, request_id, action, actor, note, now});
  return {};
}

std::string request_link(std::int64_t id) { return "/replikasi/permintaan/" + std::to_string(id); }

std::string innovation_name(soci::session& sql, std::int64_t id) {
  auto label = innovation_label(sql, id);
  return label ? label->name : std::to_string(id);
}

std::string region_name(soci::session& sql, const std::string& code) {
  auto names = replication::region_names(sql, {code});
  return names.empty() ? code : names.front().second;
}

// Asks the search index to reload the origin innovation: its replication
// count (replication_index.hpp) changed.
// Also writes its count of adopting regions, which the directory sorts by.
Status reindex(soci::session& sql, std::int64_t innovation_id, std::int64_t now) {
  refresh_replicated_regions(sql, innovation_id);
  auto label = innovation_label(sql, innovation_id);
  if (!label) return {};
  return store::append_outbox(sql, "innovation", innovation_id, label->version, now);
}

Error invalid(const char* op, std::vector<FieldError> errors) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid input", std::move(errors));
}

}  // namespace

Result<Offer> ReplicationService::offer(std::int64_t innovation_id) {
  return read(db_, "replication_offer", [&](soci::session& sql) -> Result<Offer> {
    auto found = find_offer(sql, innovation_id);
    if (found) return *found;
    Offer none;
    none.innovation_id = innovation_id;
    return none;
  });
}

Result<Offer> ReplicationService::save_offer(std::int64_t actor, const directory::Innovation& innovation, Offer o) {
  o.innovation_id = innovation.id;
  if (auto errors = check_offer(o); !errors.empty()) return invalid("save_replication_offer", std::move(errors));
  const auto now = clock_.now();
  o.updated_at = now;
  o.updated_by = actor;
  return db_.transact("save_replication_offer", [&](soci::session& sql) -> Result<Offer> {
    auto before = find_offer(sql, innovation.id);
    replication::save_offer(sql, o);
    // The "open to replication" search filter follows the willingness.
    if (!before || before->willing != o.willing)
      if (auto st = reindex(sql, innovation.id, now); !st) return st.error();
    if (auto st = audit(sql, actor, "replication.offer", "innovation", innovation.id,
                        before ? dump(offer_json(*before)) : "", dump(offer_json(o)), now);
        !st)
      return st.error();
    return o;
  });
}

Result<Request> ReplicationService::ask(std::int64_t actor, const directory::Innovation& innovation, Request r) {
  r.innovation_id = innovation.id;
  r.origin_region_code = innovation.region_code;
  r.requester_id = actor;
  r.state = "requested";
  r.proposed_mode.clear();
  r.reason.clear();
  r.version = 1;
  if (auto errors = check_request(r); !errors.empty()) return invalid("ask_replication", std::move(errors));
  const auto now = clock_.now();
  r.created_at = r.updated_at = now;
  return db_.transact("ask_replication", [&](soci::session& sql) -> Result<Request> {
    auto offer = find_offer(sql, innovation.id);
    if (!offer || !offer->willing)
      return Error(ErrorCode::conflict, "ask_replication: the origin is not open to replication (not_willing)");
    if (open_request_of(sql, innovation.id, r.adopter_region_code))
      return Error(ErrorCode::conflict, "ask_replication: the region already has an open request (open_request)");
    auto id = store::next_id(sql, "replication_requests");
    if (!id) return id.error();
    r.id = *id;
    insert_request(sql, r);
    if (auto st = add_event(sql, r.id, "request", actor, "", now); !st) return st.error();
    if (auto st = audit(sql, actor, "replication.request", "replication_request", r.id, "", dump(request_json(r)), now);
        !st)
      return st.error();
    auto users = owner_side_users(sql, innovation.id, innovation.region_code);
    if (auto st = post_notices(sql, users, actor, "replication.requested",
                               {{"innovation", innovation.name}, {"region", region_name(sql, r.adopter_region_code)}},
                               request_link(r.id), innovation.id, innovation.name, now);
        !st)
      return st.error();
    return r;
  });
}

Result<Request> ReplicationService::move(std::int64_t actor, const Sides& sides, std::int64_t request_id,
                                         const Move& m) {
  const auto now = clock_.now();
  return db_.transact("move_replication", [&](soci::session& sql) -> Result<Request> {
    auto found = find_request(sql, request_id);
    if (!found) return Error(ErrorCode::not_found, "move_replication: no request " + std::to_string(request_id));
    auto r = *found;
    if (m.expected_version != 0 && m.expected_version != r.version)
      return Error(ErrorCode::conflict, "move_replication: stale version (version)");
    auto t = find_transition(r.state, m.action, sides);
    if (!t) return t.error();
    std::vector<FieldError> errors;
    std::string note;
    if (t->needs_reason) {
      note = m.reason;
      check_text(errors, "reason", note, kMaxLongText, true);
      r.reason = note;
    }
    if (t->needs_mode) {
      if (!is_transfer_mode(m.mode))
        errors.push_back({"mode", m.mode.empty() ? "error.required" : "error.invalid_choice"});
      else if (m.mode == r.mode)
        errors.push_back({"mode", "replikasi.error.same_mode"});
      r.proposed_mode = m.mode;
      note = m.mode;
    }
    if (m.adopted_innovation_id != 0 && !innovation_label(sql, m.adopted_innovation_id))
      errors.push_back({"adopted_innovation", "replikasi.error.no_innovation"});
    if (!errors.empty()) return invalid("move_replication", std::move(errors));
    const auto before = dump(request_json(r));
    if (r.state == "counter_proposed" && m.action == "accept") {
      r.mode = r.proposed_mode;
      r.proposed_mode.clear();
      note = r.mode;
    }
    r.state = std::string(t->to);
    r.updated_at = now;
    r.version = found->version + 1;
    if (!update_request(sql, r, found->version))
      return Error(ErrorCode::conflict, "move_replication: changed meanwhile (version)");
    if (r.state == "accepted" && !has_transfer(found->state)) {
      const auto names = load_template(sql);
      for (std::size_t i = 0; i < names.size(); ++i) {
        auto id = store::next_id(sql, "replication_steps");
        if (!id) return id.error();
        Step s;
        s.id = *id;
        s.request_id = r.id;
        s.position = static_cast<int>(i) + 1;
        s.name = names[i];
        s.updated_at = now;
        s.updated_by = actor;
        insert_step(sql, s);
      }
    }
    if (r.state == "completed") {
      auto id = store::next_id(sql, "replication_adoptions");
      if (!id) return id.error();
      Adoption a;
      a.id = *id;
      a.innovation_id = r.innovation_id;
      a.origin_region_code = r.origin_region_code;
      a.adopter_region_code = r.adopter_region_code;
      a.adopted_on = iso_day(now);
      a.request_id = r.id;
      a.adopted_innovation_id = m.adopted_innovation_id;
      a.state = "confirmed";
      a.recorded_by = a.decided_by = actor;
      a.recorded_at = a.decided_at = now;
      insert_adoption(sql, a);
      if (auto st = reindex(sql, r.innovation_id, now); !st) return st.error();
    }
    if (auto st = add_event(sql, r.id, m.action, actor, note, now); !st) return st.error();
    if (auto st = audit(sql, actor, "replication." + m.action, "replication_request", r.id, before,
                        dump(request_json(r)), now);
        !st)
      return st.error();
    const auto name = innovation_name(sql, r.innovation_id);
    if (auto st = post_notices(sql, other_side(sql, r, sides), actor, "replication." + r.state,
                               {{"innovation", name},
                                {"region", region_name(sql, r.adopter_region_code)},
                                {"origin", region_name(sql, r.origin_region_code)}},
                               request_link(r.id), r.innovation_id, name, now);
        !st)
      return st.error();
    return r;
  });
}

Result<Transfer> ReplicationService::transfer(std::int64_t request_id) {
  return read(db_, "replication_transfer", [&](soci::session& sql) -> Result<Transfer> {
    auto r = find_request(sql, request_id);
    if (!r) return Error(ErrorCode::not_found, "replication_transfer: no request " + std::to_string(request_id));
    return Transfer{*r, list_steps(sql, request_id), list_events(sql, request_id), list_documents(sql, request_id)};
  });
}

Result<std::vector<Request>> ReplicationService::requests(const RequestQuery& query) {
  return read(db_, "replication_requests",
              [&](soci::session& sql) -> Result<std::vector<Request>> { return list_requests(sql, query); });
}

Result<Step> ReplicationService::update_step(std::int64_t actor, const Sides& sides, std::int64_t request_id,
                                             Step change) {
  if (!sides.owner && !sides.requester)
    return Error(ErrorCode::forbidden, "update_replication_step: not a side of the request");
  if (auto errors = check_step(change); !errors.empty()) return invalid("update_replication_step", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("update_replication_step", [&](soci::session& sql) -> Result<Step> {
    auto r = find_request(sql, request_id);
    auto step = find_step(sql, change.id);
    if (!r || !step || step->request_id != request_id)
      return Error(ErrorCode::not_found, "update_replication_step: no step " + std::to_string(change.id));
    if (!steps_editable(r->state))
      return Error(ErrorCode::conflict, "update_replication_step: the transfer is " + r->state);
    Step s = *step;
    s.status = change.status;
    s.start_date = change.start_date;
    s.end_date = change.end_date;
    s.notes = change.notes;
    s.updated_at = now;
    s.updated_by = actor;
    replication::update_step(sql, s);
    if (r->state == "accepted") {
      auto started = *r;
      started.state = "in_transfer";
      started.updated_at = now;
      started.version = r->version + 1;
      if (!update_request(sql, started, r->version))
        return Error(ErrorCode::conflict, "update_replication_step: changed meanwhile (version)");
      if (auto st = add_event(sql, r->id, "start", actor, "", now); !st) return st.error();
    }
    if (auto st = add_event(sql, r->id, "step", actor, s.name + "\t" + s.status, now); !st) return st.error();
    const nlohmann::json after = {{"step", s.name},
                                  {"status", s.status},
                                  {"start_date", s.start_date},
                                  {"end_date", s.end_date},
                                  {"notes", s.notes}};
    const nlohmann::json before_json = {{"step", step->name},
                                        {"status", step->status},
                                        {"start_date", step->start_date},
                                        {"end_date", step->end_date},
                                        {"notes", step->notes}};
    if (auto st =
            audit(sql, actor, "replication.step", "replication_request", r->id, dump(before_json), dump(after), now);
        !st)
      return st.error();
    const auto name = innovation_name(sql, r->innovation_id);
    if (auto st =
            post_notices(sql, other_side(sql, *r, sides), actor, "replication.step",
                         {{"innovation", name}, {"step", s.name}}, request_link(r->id), r->innovation_id, name, now);
        !st)
      return st.error();
    return s;
  });
}

Result<Document> ReplicationService::add_document(std::int64_t actor, const Sides& sides, std::int64_t request_id,
                                                  std::int64_t step_id, std::string_view client_name,
                                                  std::string_view data, std::size_t max_bytes) {
  if (!sides.owner && !sides.requester)
    return Error(ErrorCode::forbidden, "add_replication_document: not a side of the request");
  if (auto errors = directory::validate_upload(data, max_bytes); !errors.empty())
    return invalid("add_replication_document", std::move(errors));
  const auto type = *directory::sniff_file_type(data);
  const auto now = clock_.now();
  std::filesystem::path written;
  auto result = db_.transact("add_replication_document", [&](soci::session& sql) -> Result<Document> {
    auto r = find_request(sql, request_id);
    auto step = find_step(sql, step_id);
    if (!r || !step || step->request_id != request_id)
      return Error(ErrorCode::not_found, "add_replication_document: no step " + std::to_string(step_id));
    if (!steps_editable(r->state))
      return Error(ErrorCode::conflict, "add_replication_document: the transfer is " + r->state);
    auto id = store::next_id(sql, "replication_documents");
    if (!id) return id.error();
    Document d;
    d.id = *id;
    d.request_id = request_id;
    d.step_id = step_id;
    d.media_type = type.media_type;
    d.stored_name = "replikasi-" + std::to_string(*id) + type.extension;
    d.original_name = directory::display_file_name(client_name);
    d.size_bytes = static_cast<std::int64_t>(data.size());
    d.created_at = now;
    d.created_by = actor;
    if (auto st = directory::write_file(path_of(d), data); !st) return st.error();
    written = path_of(d);
    insert_document(sql, d);
    if (auto st = add_event(sql, request_id, "document", actor, step->name + ": " + d.original_name, now); !st)
      return st.error();
    if (auto st = audit(sql, actor, "replication.document", "replication_request", request_id, "",
                        dump({{"step", step->name}, {"document", d.original_name}, {"size", d.size_bytes}}), now);
        !st)
      return st.error();
    return d;
  });
  if (!result && !written.empty()) {
    std::error_code ec;
    std::filesystem::remove(written, ec);
  }
  return result;
}

Status ReplicationService::remove_document(std::int64_t actor, const Sides& sides, std::int64_t request_id,
                                           std::int64_t document_id) {
  if (!sides.owner && !sides.requester)
    return Error(ErrorCode::forbidden, "remove_replication_document: not a side of the request");
  const auto now = clock_.now();
  std::string stored;
  auto result = db_.transact("remove_replication_document", [&](soci::session& sql) -> Status {
    auto r = find_request(sql, request_id);
    auto d = find_document(sql, document_id);
    if (!r || !d || d->request_id != request_id)
      return Error(ErrorCode::not_found, "remove_replication_document: no document " + std::to_string(document_id));
    if (!steps_editable(r->state))
      return Error(ErrorCode::conflict, "remove_replication_document: the transfer is " + r->state);
    auto step = find_step(sql, d->step_id);
    delete_document(sql, d->id);
    stored = d->stored_name;
    const std::string where = (step ? step->name + ": " : std::string()) + d->original_name;
    if (auto st = add_event(sql, request_id, "document_removed", actor, where, now); !st) return st.error();
    return audit(sql, actor, "replication.document.remove", "replication_request", request_id,
                 dump({{"document", d->original_name}, {"id", d->id}}), "", now);
  });
  if (result && !stored.empty()) {
    std::error_code ec;
    std::filesystem::remove(files_dir_ / stored, ec);
  }
  return result;
}

Result<Request> ReplicationService::edit_request(std::int64_t actor, const Sides& sides, std::int64_t request_id,
                                                 Request changes, std::int64_t expected_version) {
  if (!sides.requester) return Error(ErrorCode::forbidden, "edit_replication_request: not the requester");
  const auto now = clock_.now();
  return db_.transact("edit_replication_request", [&](soci::session& sql) -> Result<Request> {
    auto found = find_request(sql, request_id);
    if (!found)
      return Error(ErrorCode::not_found, "edit_replication_request: no request " + std::to_string(request_id));
    auto r = *found;
    if (!may_edit_request(r.state))
      return Error(ErrorCode::conflict, "edit_replication_request: already answered (" + r.state + ")");
    if (expected_version != 0 && expected_version != r.version)
      return Error(ErrorCode::conflict, "edit_replication_request: stale version (version)");
    const auto before = request_json(r);
    r.requester_about = changes.requester_about;
    r.problem = changes.problem;
    r.adaptation = changes.adaptation;
    r.mode = changes.mode;
    if (auto errors = check_request(r); !errors.empty()) return invalid("edit_replication_request", std::move(errors));
    const auto expected = r.version;
    r.version += 1;
    r.updated_at = now;
    if (!update_request_text(sql, r, expected))
      return Error(ErrorCode::conflict, "edit_replication_request: stale version (version)");
    if (auto st = add_event(sql, r.id, "edit", actor, "", now); !st) return st.error();
    if (auto st = audit(sql, actor, "replication.request.edit", "replication_request", r.id, dump(before),
                        dump(request_json(r)), now);
        !st)
      return st.error();
    const auto inn_name = innovation_name(sql, r.innovation_id);
    auto users = owner_side_users(sql, r.innovation_id, r.origin_region_code);
    if (auto st = post_notices(sql, users, actor, "replication.edited",
                               {{"innovation", inn_name}, {"region", region_name(sql, r.adopter_region_code)}},
                               request_link(r.id), r.innovation_id, inn_name, now);
        !st)
      return st.error();
    return r;
  });
}

Result<Document> ReplicationService::document(std::int64_t id) {
  return read(db_, "replication_document", [&](soci::session& sql) -> Result<Document> {
    auto d = find_document(sql, id);
    if (!d) return Error(ErrorCode::not_found, "replication_document: no document " + std::to_string(id));
    return *d;
  });
}

Result<Adoption> ReplicationService::record_adoption(std::int64_t actor, const directory::Innovation& innovation,
                                                     Adoption a) {
  a.innovation_id = innovation.id;
  a.origin_region_code = innovation.region_code;
  a.request_id = 0;
  a.state = "pending";
  if (auto errors = check_adoption(a); !errors.empty()) return invalid("record_adoption", std::move(errors));
  const auto now = clock_.now();
  a.recorded_by = actor;
  a.recorded_at = now;
  return db_.transact("record_adoption", [&](soci::session& sql) -> Result<Adoption> {
    if (a.adopted_innovation_id != 0 && !innovation_label(sql, a.adopted_innovation_id))
      return invalid("record_adoption", {{"adopted_innovation", "replikasi.error.no_innovation"}});
    auto id = store::next_id(sql, "replication_adoptions");
    if (!id) return id.error();
    a.id = *id;
    insert_adoption(sql, a);
    if (auto st = audit(sql, actor, "replication.adoption_record", "replication_adoption", a.id, "",
                        dump({{"innovation_id", a.innovation_id},
                              {"adopter_region_code", a.adopter_region_code},
                              {"adopted_on", a.adopted_on},
                              {"evidence", a.evidence}}),
                        now);
        !st)
      return st.error();
    auto users = owner_side_users(sql, innovation.id, innovation.region_code);
    if (auto st = post_notices(sql, users, actor, "replication.adoption_recorded",
                               {{"innovation", innovation.name}, {"region", region_name(sql, a.adopter_region_code)}},
                               "/inovasi/" + std::to_string(innovation.id) + "/replikasi", innovation.id,
                               innovation.name, now);
        !st)
      return st.error();
    return a;
  });
}

Result<Adoption> ReplicationService::decide_adoption(std::int64_t actor, std::int64_t adoption_id, bool confirm) {
  const auto now = clock_.now();
  return db_.transact("decide_adoption", [&](soci::session& sql) -> Result<Adoption> {
    auto a = find_adoption(sql, adoption_id);
    if (!a) return Error(ErrorCode::not_found, "decide_adoption: no adoption " + std::to_string(adoption_id));
    if (a->state != "pending") return Error(ErrorCode::conflict, "decide_adoption: already " + a->state);
    const std::string state = confirm ? "confirmed" : "rejected";
    replication::decide_adoption(sql, a->id, state, actor, now);
    if (confirm)
      if (auto st = reindex(sql, a->innovation_id, now); !st) return st.error();
    if (auto st = audit(sql, actor, "replication.adoption_" + state, "replication_adoption", a->id,
                        dump({{"state", a->state}}), dump({{"state", state}}), now);
        !st)
      return st.error();
    const auto name = innovation_name(sql, a->innovation_id);
    if (auto st =
            post_notices(sql, adopter_side_users(sql, a->adopter_region_code, a->recorded_by), actor,
                         "replication.adoption_" + state, {{"innovation", name}},
                         "/inovasi/" + std::to_string(a->innovation_id) + "/replikasi", a->innovation_id, name, now);
        !st)
      return st.error();
    a->state = state;
    a->decided_by = actor;
    a->decided_at = now;
    return *a;
  });
}

Result<Adoption> ReplicationService::adoption(std::int64_t id) {
  return read(db_, "replication_adoption", [&](soci::session& sql) -> Result<Adoption> {
    auto a = find_adoption(sql, id);
    if (!a) return Error(ErrorCode::not_found, "replication_adoption: no adoption " + std::to_string(id));
    return *a;
  });
}

Result<std::vector<Adoption>> ReplicationService::adoptions_of(std::int64_t innovation_id) {
  return read(db_, "replication_adoptions", [&](soci::session& sql) -> Result<std::vector<Adoption>> {
    return replication::adoptions_of(sql, innovation_id);
  });
}

Result<std::vector<Adoption>> ReplicationService::adopted_from(std::int64_t adopted_innovation_id) {
  return read(db_, "replication_adopted_from", [&](soci::session& sql) -> Result<std::vector<Adoption>> {
    return adoptions_as_adopter(sql, adopted_innovation_id);
  });
}

Result<std::vector<Pair>> ReplicationService::pairs(const std::string& sector, int year, int limit) {
  return read(db_, "replication_pairs",
              [&](soci::session& sql) -> Result<std::vector<Pair>> { return list_pairs(sql, sector, year, limit); });
}

Result<std::vector<Pair>> ReplicationService::hub_pairs(std::int64_t hub_id, int limit) {
  return read(db_, "replication_hub_pairs",
              [&](soci::session& sql) -> Result<std::vector<Pair>> { return list_hub_pairs(sql, hub_id, limit); });
}

Result<std::vector<InnovationLabel>> ReplicationService::willing(const std::string& sector, int limit) {
  return read(db_, "replication_willing", [&](soci::session& sql) -> Result<std::vector<InnovationLabel>> {
    return willing_innovations(sql, sector, limit);
  });
}

Result<std::vector<ProvincePair>> ReplicationService::province_pairs(const std::string& sector, int year) {
  return read(db_, "replication_province_pairs", [&](soci::session& sql) -> Result<std::vector<ProvincePair>> {
    return count_province_pairs(sql, sector, year);
  });
}

Result<std::vector<std::string>> ReplicationService::step_template() {
  return read(db_, "replication_step_template",
              [&](soci::session& sql) -> Result<std::vector<std::string>> { return load_template(sql); });
}

Result<std::vector<std::string>> ReplicationService::save_step_template(std::int64_t actor,
                                                                        std::vector<std::string> names) {
  if (auto errors = check_template(names); !errors.empty()) return invalid("save_step_template", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("save_step_template", [&](soci::session& sql) -> Result<std::vector<std::string>> {
    const auto before = load_template(sql);
    replace_template(sql, names, actor, now);
    if (auto st = audit(sql, actor, "replication.step_template", "replication_step_template", 0, dump(before),
                        dump(names), now);
        !st)
      return st.error();
    return names;
  });
}

Result<std::vector<std::pair<std::string, std::string>>> ReplicationService::region_names(
    const std::vector<std::string>& codes) {
  return read(db_, "replication_region_names",
              [&](soci::session& sql) -> Result<std::vector<std::pair<std::string, std::string>>> {
                return replication::region_names(sql, codes);
              });
}

}  // namespace lumbung::replication
