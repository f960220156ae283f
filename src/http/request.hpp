// A parsed HTTP request as handlers see it: no socket, no timer.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>  // boost/core/detail/string_view.hpp (via verb.hpp) needs it in 1.81
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/beast/http/verb.hpp>

#include "core/result.hpp"

namespace lumbung::http {

// Ordered name/value pairs, as in a query string or urlencoded form. Names may repeat.
class Params {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  // First value of `name`, or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  // First value of `name`, or `fallback`.
  std::string get_or(std::string_view name, std::string_view fallback) const;
  std::vector<std::string> get_all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// One part of a multipart/form-data body.
struct Part {
  std::string name;          // form field name
  std::string filename;      // as sent by the client (untrusted; may be empty)
  std::string content_type;  // as sent by the client (untrusted)
  std::string data;
};

struct Request {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string target;     // raw request-target, e.g. "/cari?q=ktp%20el"
  std::string path;       // percent-decoded path, e.g. "/cari"
  std::string raw_query;  // undecoded query string without '?'
  Params query;           // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // as received
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by the router: {id} -> "42"
  std::string remote_ip;
  std::string request_id;

  // Header value by case-insensitive name; empty if absent.
  std::string_view header(std::string_view name) const;
  // Cookie value by name; empty if absent.
  std::string cookie(std::string_view name) const;
  // The body as application/x-www-form-urlencoded; invalid on bad encoding or
  // another content type.
  Result<Params> form() const;
  // The body as multipart/form-data (boundary from Content-Type).
  Result<std::vector<Part>> multipart() const;
};

// Per-request state shared by middleware and the handler. Upper layers keep
// their own typed state in it (session, language) without http/ knowing them.
class RequestContext {
 public:
  std::string request_id;
  std::string route_name;    // name of the matched route, "" when none matched
  std::string route_access;  // the matched route's access requirement ("public" when none matched)

  template <class T>
  T& get() {
    auto& slot = ext_[std::type_index(typeid(T))];
    if (!slot.has_value()) slot = T{};
    return std::any_cast<T&>(slot);
  }
  template <class T>
  T* find() {
    auto it = ext_.find(std::type_index(typeid(T)));
    return it == ext_.end() ? nullptr : std::any_cast<T>(&it->second);
  }

 private:
  std::unordered_map<std::type_index, std::any> ext_;
};

}  // namespace lumbung::http
