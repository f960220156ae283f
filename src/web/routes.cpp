// The site's route table: one line per route, with who may call it.
#include "http/static_files.hpp"
#include "web/validation_common.hpp"
#include "web/site.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

http::Response get_home(const Site&, const http::Request&, http::RequestContext&);
http::Response get_health(const Site&, const http::Request&, http::RequestContext&);
http::Response get_metrics(const Site&, const http::Request&, http::RequestContext&);
http::Response get_ready(const Site&, const http::Request&, http::RequestContext&);  // ops_pages.cpp
http::Response get_language(const Site&, const http::Request&, http::RequestContext&);
// account_pages.cpp
http::Response get_login(const Site&, const http::Request&, http::RequestContext&);
http::Response post_login(const Site&, const http::Request&, http::RequestContext&);
http::Response post_logout(const Site&, const http::Request&, http::RequestContext&);
http::Response get_forgot(const Site&, const http::Request&, http::RequestContext&);
http::Response post_forgot(const Site&, const http::Request&, http::RequestContext&);
http::Response get_reset(const Site&, const http::Request&, http::RequestContext&);
http::Response post_reset(const Site&, const http::Request&, http::RequestContext&);
http::Response get_invite(const Site&, const http::Request&, http::RequestContext&);
http::Response post_invite(const Site&, const http::Request&, http::RequestContext&);
http::Response get_account(const Site&, const http::Request&, http::RequestContext&);
http::Response post_password(const Site&, const http::Request&, http::RequestContext&);
http::Response post_end_session(const Site&, const http::Request&, http::RequestContext&);
// notify_pages.cpp
http::Response get_inbox(const Site&, const http::Request&, http::RequestContext&);
http::Response get_notification(const Site&, const http::Request&, http::RequestContext&);
http::Response post_inbox_read_all(const Site&, const http::Request&, http::RequestContext&);
http::Response get_inbox_settings(const Site&, const http::Request&, http::RequestContext&);
http::Response post_inbox_settings(const Site&, const http::Request&, http::RequestContext&);
http::Response get_unsubscribe(const Site&, const http::Request&, http::RequestContext&);
http::Response post_unsubscribe(const Site&, const http::Request&, http::RequestContext&);
// admin_pages.cpp
http::Response get_users(const Site&, const http::Request&, http::RequestContext&);
http::Response get_invite_form(const Site&, const http::Request&, http::RequestContext&);
http::Response post_invite_user(const Site&, const http::Request&, http::RequestContext&);
http::Response get_user(const Site&, const http::Request&, http::RequestContext&);
http::Response post_user_status(const Site&, const http::Request&, http::RequestContext&);
http::Response post_user_grant_add(const Site&, const http::Request&, http::RequestContext&);
http::Response post_user_grant_remove(const Site&, const http::Request&, http::RequestContext&);
http::Response get_audit(const Site&, const http::Request&, http::RequestContext&);
http::Response get_mail(const Site&, const http::Request&, http::RequestContext&);
http::Response post_mail_retry(const Site&, const http::Request&, http::RequestContext&);
http::Response get_tokens(const Site&, const http::Request&, http::RequestContext&);
http::Response post_token(const Site&, const http::Request&, http::RequestContext&);
http::Response post_token_revoke(const Site&, const http::Request&, http::RequestContext&);

http::Handler bind_page(const Site& site, PageHandler fn) {
  return [&site, fn](const http::Request& req, http::RequestContext& ctx) { return fn(site, req, ctx); };
}

void register_routes(http::Router& router, Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  router.use(security_headers_middleware());
  router.use(language_middleware(site));
  router.use(error_middleware(site));
  router.use(session_middleware(site));
  router.use(access_middleware(site));

  // Who may manage accounts (each within their own scope; the service checks the scope).
  const std::string staff = "role:admin,region_admin,lab_organizer,curator";

  // clang-format off
  // method  pattern                               handler                   access
  router.get("/",                                  "get_home",               "public", bind(get_home));
  router.get("/healthz",                           "get_health",             "public", bind(get_health));
  router.get("/metrics",                           "get_metrics",            "public", bind(get_metrics));
  router.get("/readyz",                            "get_ready",              "public", bind(get_ready));
  router.get("/bahasa/{lang}",                     "get_language",           "public", bind(get_language));
  router.get("/static/{path...}",                  "get_static",             "public", http::static_handler(site.static_dir, "/static/"));

  router.get("/masuk",                             "get_login",              "public", bind(get_login));
  router.post("/masuk",                            "post_login",             "public", bind(post_login));
  router.post("/keluar",                           "post_logout",            "user",   bind(post_logout));
  router.get("/lupa-sandi",                        "get_forgot",             "public", bind(get_forgot));
  router.post("/lupa-sandi",                       "post_forgot",            "public", bind(post_forgot));
  router.get("/atur-ulang/{token}",                "get_reset",              "public", bind(get_reset));
  router.post("/atur-ulang/{token}",               "post_reset",             "public", bind(post_reset));
  router.get("/undangan/{token}",                  "get_invite",             "public", bind(get_invite));
  router.post("/undangan/{token}",                 "post_invite",            "public", bind(post_invite));
  router.get("/akun",                              "get_account",            "user",   bind(get_account));
  router.post("/akun/sandi",                       "post_password",          "user",   bind(post_password));
  router.post("/akun/sesi/{key}/akhiri",           "post_end_session",       "user",   bind(post_end_session));
  router.get("/notifikasi",                        "get_inbox",              "user",   bind(get_inbox));
  router.post("/notifikasi/baca-semua",            "post_inbox_read_all",    "user",   bind(post_inbox_read_all));
  router.get("/notifikasi/pengaturan",             "get_inbox_settings",     "user",   bind(get_inbox_settings));
  router.post("/notifikasi/pengaturan",            "post_inbox_settings",    "user",   bind(post_inbox_settings));
  router.get("/notifikasi/{id}",                   "get_notification",       "user",   bind(get_notification));
  router.get("/notifikasi/berhenti/{token}",       "get_unsubscribe",        "public", bind(get_unsubscribe));
  router.post("/notifikasi/berhenti/{token}",      "post_unsubscribe",       "public", bind(post_unsubscribe));

  router.get("/admin/pengguna",                    "get_users",              staff,    bind(get_users));
  router.get("/admin/pengguna/undang",             "get_invite_form",        staff,    bind(get_invite_form));
  router.post("/admin/pengguna/undang",            "post_invite_user",       staff,    bind(post_invite_user));
  router.get("/admin/pengguna/{id}",               "get_user",               staff,    bind(get_user));
  router.post("/admin/pengguna/{id}/status",       "post_user_status",       staff,    bind(post_user_status));
  router.post("/admin/pengguna/{id}/peran",        "post_user_grant_add",    staff,    bind(post_user_grant_add));
  router.post("/admin/pengguna/{id}/peran/cabut",  "post_user_grant_remove", staff,    bind(post_user_grant_remove));
  router.get("/admin/audit",                       "get_audit",              "role:admin", bind(get_audit));
  router.get("/admin/surat",                       "get_mail",               "role:admin", bind(get_mail));
  router.post("/admin/surat/{id}/kirim-ulang",     "post_mail_retry",        "role:admin", bind(post_mail_retry));
  router.get("/admin/token",                       "get_tokens",             "role:admin", bind(get_tokens));
  router.post("/admin/token",                      "post_token",             "role:admin", bind(post_token));
  router.post("/admin/token/{id}/cabut",           "post_token_revoke",      "role:admin", bind(post_token_revoke));
  // clang-format on

  register_innovation_pages(router, site);
  register_editor_pages(router, site);
  register_synonym_pages(router, site);
  register_search_pages(router, site);
  register_iid_pages(router, site);
  register_replication_pages(router, site);
  register_lab_pages(router, site);
  register_portal_pages(router, site);
  register_competition_pages(router, site);
  register_curation_pages(router, site);
  register_validation_pages(router, site);
  register_duplicate_pages(router, site);

  router.set_not_found([&site](const http::Request& req, http::RequestContext& ctx) {
    if (req.path.rfind("/api/", 0) == 0)
      return http::Response::problem(404, "Not Found", "no such endpoint; see /api/v1/openapi.json");
    return error_page(site, req, ctx, 404);
  });
}

}  // namespace lumbung::web
