// The route table: method + pattern ("/inovasi/{id}") -> named handler with an
// access requirement. One line per route in the area's register_routes().
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace lumbung::http {

using Handler = std::function<Response(const Request&, RequestContext&)>;
// Wraps every matched handler: may answer itself or call next(req, ctx).
using Middleware = std::function<Response(const Request&, RequestContext&, const Handler& next)>;

struct Route {
  boost::beast::http::verb method;
  // "/daerah/{code}"; a segment "{name}" matches one non-empty segment; a last
  // segment "{name...}" matches the non-empty rest of the path ("css/a.css").
  // Exact segments win over "{name}", which wins over "{name...}".
  std::string pattern;
  std::string name;     // handler name, e.g. "get_region"; used in metrics and logs
  std::string access;   // who may call it: "public", or a role requirement read by middleware
  Handler handler;
  bool upload = false;  // body may be up to Config::max_upload_bytes instead of max_body_bytes
};

struct Match {
  const Route* route = nullptr;              // null when nothing matched
  bool method_not_allowed = false;           // path matched under another method
  std::vector<std::string> allowed_methods;  // for the Allow header of a 405
  std::map<std::string, std::string> params;
};

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern (a bug in the route table).
  void add(Route route);
  // Shorthands for the route table.
  void get(std::string pattern, std::string name, std::string access, Handler h);
  void post(std::string pattern, std::string name, std::string access, Handler h);
  void use(Middleware m) { middleware_.push_back(std::move(m)); }

  // HEAD matches GET routes. Trailing slashes matter: "/a/" does not match "/a".
  Match match(boost::beast::http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Run the matched route through the middleware chain (outermost first).
  // Unmatched paths go to the not-found handler (route_name "not_found"), wrong
  // methods get a 405 with Allow (route_name "method_not_allowed"); both also
  // run through the middleware chain. Fills req.path_params and ctx.route_name.
  Response dispatch(Request& req, RequestContext& ctx) const;
  // Default: a plain-text 404.
  void set_not_found(Handler h) { not_found_ = std::move(h); }

 private:
  struct Segment {
    enum class Kind { exact, param, rest } kind;
    std::string text;  // the literal, or the parameter name
  };
  static bool match_segments(const std::vector<Segment>& pattern, const std::vector<std::string_view>& path,
                             std::map<std::string, std::string>* params, std::vector<int>* rank);
  Response run_chain(std::size_t i, const Request& req, RequestContext& ctx, const Handler& last) const;

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;  // parallel to routes_
  std::vector<Middleware> middleware_;
  Handler not_found_;
};

}  // namespace lumbung::http
