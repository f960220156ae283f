#include "api/innovation_handlers.hpp"

#include "api/api_input.hpp"
#include "api/openapi.hpp"
#include "api/problem.hpp"
#include "directory/innovation_json.hpp"
#include "web/permissions.hpp"
#include "web/visitor.hpp"

namespace lumbung::api {

namespace {

http::Response json_response(const nlohmann::json& body, unsigned status = 200) {
  return http::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

// The innovation as the API shows it, with ETag "<version>" (what If-Match takes).
http::Response innovation_response(const directory::Innovation& i, unsigned status = 200) {
  auto r = json_response(directory::to_json(i), status);
  r.header("ETag", "\"" + std::to_string(i.version) + "\"");
  return r;
}

// The user id recorded as author: the session's user, or whoever created the token.
std::int64_t author_of(const web::Visitor& v) {
  if (v.user) return v.user->id;
  if (v.token) return v.token->created_by;
  return 0;
}

// The unit id a draft names (unit_id, or an existing unit of that name in its
// region; 0 when none), for the permission check of unit-scoped participants.
std::int64_t unit_of(const web::Site& site, const directory::InnovationDraft& d) {
  if (d.unit_id > 0 || d.unit_name.empty() || d.region_code.empty()) return d.unit_id;
  auto units = site.innovations.units(d.region_code);
  if (!units) return 0;
  for (const auto& u : *units)
    if (u.name == d.unit_name) return u.id;
  return 0;
}

// Who may write a draft where it says it lives. nullopt = allowed.
std::optional<Problem> check_write_place(const web::Site& site, const std::vector<auth::Grant>& grants,
                                         const directory::InnovationDraft& d) {
  if (web::may_publish(grants)) return std::nullopt;
  if (d.region_code.empty())
    return Problem{422, {}, "the request has invalid fields", {{"region_code", "error.required"}}};
  if (!web::may_write_in(grants, d.region_code, unit_of(site, d)))
    return Problem{403, {}, "you may not write innovations in region " + d.region_code, {}};
  return std::nullopt;
}

}  // namespace

http::Response get_innovations(const web::Site& site, const http::Request& req, http::RequestContext&) {
  auto query = parse_list_query(req.query);
  if (query.problem) return problem_response(*query.problem);
  auto page = site.innovations.list(query.filter, query.page);
  if (!page) return problem_response(problem_from(page.error(), 400));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : page->items) items.push_back(directory::to_json(i));
  nlohmann::json body = {{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (!page->next_cursor.empty()) body["next_cursor"] = page->next_cursor;
  return json_response(body);
}

http::Response get_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return problem_response(404, "no such innovation");
  auto found = site.innovations.get(*id);
  if (!found) return problem_response(problem_from(found.error()));
  if (!web::may_see(web::grants_of(web::visitor(ctx)), *found)) return problem_response(404, "no such innovation");
  auto r = innovation_response(*found);
  if (found->state != "published") r.cacheable = false;
  return r;
}

http::Response post_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto body = parse_json_body(req.header("Content-Type"), req.body);
  if (body.problem) return problem_response(*body.problem);
  auto draft = directory::draft_from_json(body.value);
  if (!draft) return problem_response(problem_from(draft.error()));
  if (draft->state.empty()) draft->state = "draft";
  const auto& v = web::visitor(ctx);
  const auto grants = web::grants_of(v);
  if (draft->state == "published" && !web::may_publish(grants))
    return problem_response(403, "only a curator or an admin may create a published innovation");
  if (auto p = check_write_place(site, grants, *draft)) return problem_response(*p);

  // With a source id: create or update the innovation that has it (idempotent).
  if (!draft->source_id.empty()) {
    auto existing = site.innovations.find_by_source(draft->source_program, draft->source_id);
    if (!existing) return problem_response(problem_from(existing.error()));
    if (*existing) {
      auto current = site.innovations.get(**existing);
      if (!current) return problem_response(problem_from(current.error()));
      if (!web::may_edit(grants, *current))
        return problem_response(403, "the innovation with this source_id is outside your scope");
      auto updated = site.innovations.update(author_of(v), current->id, 0, *draft, "api upsert");
      if (!updated) return problem_response(problem_from(updated.error()));
      auto r = innovation_response(*updated, 200);
      r.header("Location", "/api/v1/innovations/" + std::to_string(updated->id));
      r.cacheable = false;
      return r;
    }
  }
  auto created = site.innovations.create(author_of(v), *draft);
  if (!created) return problem_response(problem_from(created.error()));
  auto r = innovation_response(*created, 201);
  r.header("Location", "/api/v1/innovations/" + std::to_string(created->id));
  r.cacheable = false;
  return r;
}

http::Response put_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return problem_response(404, "no such innovation");
  auto body = parse_json_body(req.header("Content-Type"), req.body);
  if (body.problem) return problem_response(*body.problem);
  auto draft = directory::draft_from_json(body.value);
  if (!draft) return problem_response(problem_from(draft.error()));
  auto expected = parse_expected_version(req.header("If-Match"), body.value);
  if (expected.problem) return problem_response(*expected.problem);

  const auto& v = web::visitor(ctx);
  const auto grants = web::grants_of(v);
  auto current = site.innovations.get(*id);
  if (!current) return problem_response(problem_from(current.error()));
  if (!web::may_see(grants, *current)) return problem_response(404, "no such innovation");
  if (!web::may_edit(grants, *current)) return problem_response(403, "you may not edit this innovation");
  if (auto p = check_write_place(site, grants, *draft)) return problem_response(*p);
  auto updated = site.innovations.update(author_of(v), *id, expected.version, *draft, "api");
  if (!updated) return problem_response(problem_from(updated.error()));
  auto r = innovation_response(*updated);
  r.cacheable = false;
  return r;
}

http::Response get_me(const web::Site&, const http::Request&, http::RequestContext& ctx) {
  const auto& v = web::visitor(ctx);
  nlohmann::json grants = nlohmann::json::array();
  for (const auto& g : web::grants_of(v))
    grants.push_back({{"role", auth::to_string(g.role)}, {"scope", auth::format_scope(g.scope)}});
  nlohmann::json body;
  if (v.token) {
    body = {{"kind", "token"},
            {"id", v.token->id},
            {"name", v.token->name},
            {"role", auth::to_string(v.token->role)},
            {"scope", auth::format_scope(v.token->scope)},
            {"grants", grants}};
  } else if (v.user) {
    body = {{"kind", "user"}, {"id", v.user->id}, {"name", v.user->name}, {"email", v.user->email}, {"grants", grants}};
  } else {
    return problem_response(401, "authentication required");
  }
  auto r = json_response(body);
  r.cacheable = false;
  return r;
}

http::Response get_openapi(const web::Site&, const http::Request&, http::RequestContext&) {
  auto r = http::Response::json(std::string(openapi_document()));
  r.header("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace lumbung::api
