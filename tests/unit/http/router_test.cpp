#include "http/router.hpp"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

using boost::beast::http::verb;

Handler named(std::string body) {
  return [body](const Request&, RequestContext&) { return Response::text(body); };
}

Router make_router() {
  Router r;
  r.get("/", "get_home", "public", named("home"));
  r.get("/inovasi", "get_innovations", "public", named("list"));
  r.get("/inovasi/{id}", "get_innovation", "public", named("one"));
  r.get("/inovasi/baru", "get_new_innovation", "participant", named("new"));
  r.post("/inovasi", "post_create_innovation", "participant", named("create"));
  r.get("/daerah/{code}/unit/{unit}", "get_unit", "public", named("unit"));
  r.get("/static/{path...}", "get_static", "public", named("static"));
  r.get("/static/special/{name}", "get_special", "public", named("special"));
  return r;
}

TEST(Router, MatchTable) {
  struct Case {
    verb method;
    std::string path;
    std::string route;  // "" = none
    std::map<std::string, std::string> params;
  };
  const Case cases[] = {
      {verb::get, "/", "get_home", {}},
      {verb::get, "/inovasi", "get_innovations", {}},
      {verb::post, "/inovasi", "post_create_innovation", {}},
      {verb::get, "/inovasi/42", "get_innovation", {{"id", "42"}}},
      {verb::get, "/inovasi/baru", "get_new_innovation", {}},  // exact beats {id}
      {verb::get, "/daerah/7371/unit/dinkes", "get_unit", {{"code", "7371"}, {"unit", "dinkes"}}},
      {verb::get, "/static/css/site.css", "get_static", {{"path", "css/site.css"}}},
      {verb::get, "/static/a", "get_static", {{"path", "a"}}},
      {verb::get, "/static/special/x", "get_special", {{"name", "x"}}},  // {name} beats {path...}
      {verb::get, "/static/special/x/y", "get_static", {{"path", "special/x/y"}}},
      {verb::get, "/static/", "", {}},  // catch-all needs a non-empty rest
      {verb::get, "/static", "", {}},
      {verb::get, "/inovasi/", "", {}},  // trailing slash does not match
      {verb::get, "/inovasi//", "", {}},
      {verb::get, "/inovasi/42/x", "", {}},
      {verb::get, "/tidak-ada", "", {}},
      {verb::head, "/inovasi/42", "get_innovation", {{"id", "42"}}},  // HEAD uses GET routes
      {verb::get, "", "", {}},
  };
  Router r = make_router();
  for (const auto& c : cases) {
    Match m = r.match(c.method, c.path);
    std::string got = m.route ? m.route->name : "";
    EXPECT_EQ(got, c.route) << c.path;
    if (m.route) {
      EXPECT_EQ(m.params, c.params) << c.path;
    }
  }
}

TEST(Router, MethodNotAllowedListsAllowed) {
  Router r = make_router();
  Match m = r.match(verb::delete_, "/inovasi");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "HEAD", "POST"}));

  Request req;
  req.method = verb::put;
  req.path = "/inovasi/5";
  RequestContext ctx;
  Response res = r.dispatch(req, ctx);
  EXPECT_EQ(res.status, 405u);
  EXPECT_EQ(res.get_header("allow"), "GET, HEAD");
  EXPECT_EQ(ctx.route_name, "method_not_allowed");
}

TEST(Router, DispatchFillsParamsAndRouteName) {
  Router r;
  r.get("/inovasi/{id}", "get_innovation", "public",
        [](const Request& req, RequestContext&) { return Response::text("id=" + req.path_params.at("id")); });
  Request req;
  req.path = "/inovasi/99";
  RequestContext ctx;
  Response res = r.dispatch(req, ctx);
  EXPECT_EQ(res.body, "id=99");
  EXPECT_EQ(ctx.route_name, "get_innovation");
}

TEST(Router, MiddlewareOrderAndNotFoundGoesThroughChain) {
  Router r;
  std::vector<std::string> order;
  r.use([&](const Request& req, RequestContext& ctx, const Handler& next) {
    order.push_back("outer");
    Response res = next(req, ctx);
    res.header("X-Frame-Options", "DENY");
    return res;
  });
  r.use([&](const Request& req, RequestContext& ctx, const Handler& next) {
    order.push_back("inner");
    return next(req, ctx);
  });
  r.get("/", "get_home", "public", [&](const Request&, RequestContext&) {
    order.push_back("handler");
    return Response::text("home");
  });
  Request req;
  req.path = "/";
  RequestContext ctx;
  Response res = r.dispatch(req, ctx);
  EXPECT_EQ(order, (std::vector<std::string>{"outer", "inner", "handler"}));
  EXPECT_EQ(res.get_header("X-Frame-Options"), "DENY");

  // Default not-found, through the chain.
  order.clear();
  req.path = "/nope";
  RequestContext ctx2;
  res = r.dispatch(req, ctx2);
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(ctx2.route_name, "not_found");
  EXPECT_EQ(res.get_header("X-Frame-Options"), "DENY");
  EXPECT_EQ(order, (std::vector<std::string>{"outer", "inner"}));

  // Custom not-found.
  r.set_not_found([](const Request&, RequestContext&) { return Response::html("<h1>Tidak ditemukan</h1>", 404); });
  RequestContext ctx3;
  res = r.dispatch(req, ctx3);
  EXPECT_EQ(res.body, "<h1>Tidak ditemukan</h1>");
  EXPECT_EQ(res.get_header("X-Frame-Options"), "DENY");
}

TEST(Router, MiddlewareMayAnswerItself) {
  Router r;
  bool handler_ran = false;
  r.use([](const Request&, RequestContext&, const Handler&) { return Response::text("denied", 403); });
  r.get("/", "get_home", "public", [&](const Request&, RequestContext&) {
    handler_ran = true;
    return Response::text("home");
  });
  Request req;
  req.path = "/";
  RequestContext ctx;
  EXPECT_EQ(r.dispatch(req, ctx).status, 403u);
  EXPECT_FALSE(handler_ran);
}

TEST(Router, RejectsMalformedPatterns) {
  Router r;
  EXPECT_THROW(r.get("nope", "x", "public", named("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{rest...}/b", "x", "public", named("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{}", "x", "public", named("x")), std::invalid_argument);
}

TEST(Response, Helpers) {
  EXPECT_EQ(Response::json("{}").content_type, "application/json");
  EXPECT_EQ(Response::text("x", 400).status, 400u);
  EXPECT_EQ(Response::html("x").content_type, "text/html; charset=utf-8");
  Response redirect = Response::redirect("/masuk");
  EXPECT_EQ(redirect.status, 303u);
  EXPECT_EQ(redirect.get_header("location"), "/masuk");
  EXPECT_EQ(set_cookie_value("sid", "abc", 3600, true, true),
            "sid=abc; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600");
  EXPECT_EQ(set_cookie_value("lang", "id", -1, false, false), "lang=id; Path=/; SameSite=Lax");
}

}  // namespace
}  // namespace lumbung::http
