#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace lumbung::http {
namespace {

namespace bhttp = boost::beast::http;

// "/a/b" -> ["a","b"]; "/" -> [""]; "/a/" -> ["a",""].
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool method_ok(bhttp::verb route, bhttp::verb request) {
  return route == request || (request == bhttp::verb::head && route == bhttp::verb::get);
}

Response default_not_found(const Request&, RequestContext&) {
  Response r = Response::text("404 Not Found\n", 404);
  r.cacheable = false;
  return r;
}

}  // namespace

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("router: pattern must start with '/' (" + route.pattern + ")");
  }
  std::vector<Segment> segments;
  auto parts = split_path(route.pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      std::string_view name = p.substr(1, p.size() - 2);
      bool rest = name.size() > 3 && name.substr(name.size() - 3) == "...";
      if (rest) name.remove_suffix(3);
      if (name.empty()) throw std::invalid_argument("router: empty parameter name (" + route.pattern + ")");
      if (rest && i + 1 != parts.size()) {
        throw std::invalid_argument("router: {name...} must be the last segment (" + route.pattern + ")");
      }
      segments.push_back({rest ? Segment::Kind::rest : Segment::Kind::param, std::string(name)});
    } else {
      segments.push_back({Segment::Kind::exact, std::string(p)});
    }
  }
  compiled_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

void Router::get(std::string pattern, std::string name, std::string access, Handler h) {
  add(Route{bhttp::verb::get, std::move(pattern), std::move(name), std::move(access), std::move(h)});
}

void Router::post(std::string pattern, std::string name, std::string access, Handler h) {
  add(Route{bhttp::verb::post, std::move(pattern), std::move(name), std::move(access), std::move(h)});
}

bool Router::match_segments(const std::vector<Segment>& pattern, const std::vector<std::string_view>& path,
                            std::map<std::string, std::string>* params, std::vector<int>* rank) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const Segment& seg = pattern[i];
    if (seg.kind == Segment::Kind::rest) {
      if (i >= path.size()) return false;
      // Re-join the rest; it must not be empty.
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j) {
        if (j > i) rest += '/';
        rest.append(path[j]);
      }
      if (rest.empty()) return false;
      (*params)[seg.text] = std::move(rest);
      rank->push_back(2);
      return true;
    }
    if (i >= path.size()) return false;
    if (seg.kind == Segment::Kind::exact) {
      if (path[i] != seg.text) return false;
      rank->push_back(0);
    } else {
      if (path[i].empty()) return false;
      (*params)[seg.text] = std::string(path[i]);
      rank->push_back(1);
    }
  }
  return pattern.size() == path.size();
}

Match Router::match(bhttp::verb method, std::string_view path) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  auto segments = split_path(path);
  std::vector<int> best_rank;
  std::set<std::string> allowed;
  bool path_matched = false;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> params;
    std::vector<int> rank;
    if (!match_segments(compiled_[i], segments, &params, &rank)) continue;
    path_matched = true;
    const Route& route = routes_[i];
    allowed.insert(std::string(bhttp::to_string(route.method)));
    if (route.method == bhttp::verb::get) allowed.insert("HEAD");
    if (!method_ok(route.method, method)) continue;
    // Prefer the exact method over HEAD-via-GET, then the most specific pattern.
    if (route.method == method) rank.insert(rank.begin(), 0);
    else rank.insert(rank.begin(), 1);
    if (result.route == nullptr || rank < best_rank) {
      result.route = &route;
      result.params = std::move(params);
      best_rank = std::move(rank);
    }
  }
  if (result.route == nullptr && path_matched) {
    result.method_not_allowed = true;
    result.allowed_methods.assign(allowed.begin(), allowed.end());
  }
  return result;
}

Response Router::run_chain(std::size_t i, const Request& req, RequestContext& ctx, const Handler& last) const {
  if (i == middleware_.size()) return last(req, ctx);
  Handler next = [this, i, &last](const Request& r, RequestContext& c) { return run_chain(i + 1, r, c, last); };
  return middleware_[i](req, ctx, next);
}

Response Router::dispatch(Request& req, RequestContext& ctx) const {
  if (ctx.request_id.empty()) ctx.request_id = req.request_id;
  Match m = match(req.method, req.path);
  if (m.route != nullptr) {
    req.path_params = std::move(m.params);
    ctx.route_name = m.route->name;
    ctx.route_access = m.route->access;
    return run_chain(0, req, ctx, m.route->handler);
  }
  if (m.method_not_allowed) {
    ctx.route_name = "method_not_allowed";
    ctx.route_access = "public";
    std::string allow;
    for (const auto& a : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + a;
    Handler not_allowed = [allow](const Request&, RequestContext&) {
      Response r = Response::text("405 Method Not Allowed\n", 405);
      r.cacheable = false;
      r.header("Allow", allow);
      return r;
    };
    return run_chain(0, req, ctx, not_allowed);
  }
  ctx.route_name = "not_found";
  ctx.route_access = "public";
  if (not_found_) return run_chain(0, req, ctx, not_found_);
  return run_chain(0, req, ctx, Handler(default_not_found));
}

}  // namespace lumbung::http
