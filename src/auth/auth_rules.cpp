// Pure account rules: no SQL, no logging.
#include <algorithm>
#include <array>
#include <charconv>

#include "auth/auth.hpp"

namespace lumbung::auth {

namespace {

constexpr std::array<const char*, 7> kRoleNames = {"participant", "coach", "lab_organizer", "region_admin",
                                                   "curator",     "judge", "admin"};
constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxNameChars = 120;
constexpr std::size_t kMinPasswordChars = 10;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::string_view kRetryAfterTag = "(retry_after=";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Decodes UTF-8 into code points; nullopt when malformed (overlong, surrogate,
// out of range, truncated).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
      len = 1, cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) return std::nullopt;
    for (int k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "73", "73.72", "73.72.01", "73.72.01.1001": 2, 2, 2, 4 digits.
bool valid_region_code(std::string_view code) {
  static constexpr std::size_t kWidths[] = {2, 2, 2, 4};
  std::size_t part = 0;
  while (true) {
    if (part >= 4) return false;
    const auto dot = code.find('.');
    const auto piece = code.substr(0, dot);
    if (piece.size() != kWidths[part] || !all_digits(piece)) return false;
    ++part;
    if (dot == std::string_view::npos) return true;
    code.remove_prefix(dot + 1);
  }
}

// A positive decimal id without leading zeros, fitting in int64.
bool valid_id(std::string_view id) {
  if (!all_digits(id) || id.front() == '0' || id.size() > 18) return false;
  return true;
}

bool valid_ref(const Scope& scope) {
  switch (scope.kind) {
    case ScopeKind::national:
      return scope.ref.empty();
    case ScopeKind::region:
      return valid_region_code(scope.ref);
    case ScopeKind::lab:
    case ScopeKind::unit:
      return valid_id(scope.ref);
  }
  return false;
}

Error field_error(const char* op, const char* field, const char* key) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid " + field + " (" + key + ")", {{field, key}});
}

bool holds(const std::vector<Grant>& grants, Role role) {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) { return g.role == role; });
}

}  // namespace

const char* to_string(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
    if (text == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = {Role::participant, Role::coach, Role::lab_organizer, Role::region_admin,
                                          Role::curator,     Role::judge, Role::admin};
  return roles;
}

const char* to_string(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::national:
      return "national";
    case ScopeKind::region:
      return "region";
    case ScopeKind::lab:
      return "lab";
    case ScopeKind::unit:
      return "unit";
  }
  return "national";
}

std::string format_scope(const Scope& scope) {
  if (scope.kind == ScopeKind::national) return "national";
  return std::string(to_string(scope.kind)) + ":" + scope.ref;
}

Result<Scope> parse_scope(std::string_view text) {
  const auto bad = [] { return field_error("parse_scope", "scope", "error.scope"); };
  if (text == "national") return Scope::national();
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return bad();
  const auto kind = text.substr(0, colon);
  Scope scope;
  if (kind == "region") {
    scope.kind = ScopeKind::region;
  } else if (kind == "lab") {
    scope.kind = ScopeKind::lab;
  } else if (kind == "unit") {
    scope.kind = ScopeKind::unit;
  } else {
    return bad();
  }
  scope.ref = std::string(text.substr(colon + 1));
  if (!valid_ref(scope)) return bad();
  return scope;
}

Result<std::string> normalize_email(std::string_view raw) {
  const auto bad = [] { return field_error("normalize_email", "email", "error.email"); };
  const std::string email = ascii_lower(trim(raw));
  if (email.empty() || email.size() > kMaxEmailBytes) return bad();
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return bad();
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) return bad();
  }
  const std::string_view domain = std::string_view(email).substr(at + 1);
  const auto dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return bad();
  }
  if (!decode_utf8(email)) return bad();
  return email;
}

Result<std::string> normalize_name(std::string_view raw) {
  const std::string_view name = trim(raw);
  if (name.empty()) return field_error("normalize_name", "name", "error.name_required");
  const auto cps = decode_utf8(name);
  if (!cps) return field_error("normalize_name", "name", "error.name_invalid");
  if (cps->size() > kMaxNameChars) return field_error("normalize_name", "name", "error.name_long");
  if (std::any_of(cps->begin(), cps->end(), is_control)) {
    return field_error("normalize_name", "name", "error.name_invalid");
  }
  return std::string(name);
}

Status check_password_policy(std::string_view password, std::string_view normalized_email) {
  if (password.size() > kMaxPasswordBytes) return field_error("password_policy", "password", "error.password_long");
  const auto cps = decode_utf8(password);
  // Malformed UTF-8 is counted byte by byte: it can still be a strong secret.
  const std::size_t chars = cps ? cps->size() : password.size();
  if (chars < kMinPasswordChars) return field_error("password_policy", "password", "error.password_short");
  const bool repetitive = cps ? std::all_of(cps->begin(), cps->end(), [&](char32_t c) { return c == cps->front(); })
                              : std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; });
  if (repetitive) return field_error("password_policy", "password", "error.password_repetitive");
  if (!normalized_email.empty() && ascii_lower(trim(password)) == ascii_lower(normalized_email)) {
    return field_error("password_policy", "password", "error.password_is_email");
  }
  return {};
}

Status validate_grant(const Grant& grant) {
  if (!valid_ref(grant.scope)) return field_error("validate_grant", "scope", "error.scope");
  const bool national = grant.scope.kind == ScopeKind::national;
  if ((grant.role == Role::admin || grant.role == Role::curator) && !national) {
    return field_error("validate_grant", "scope", "error.scope");
  }
  if (grant.role == Role::region_admin && grant.scope.kind != ScopeKind::region) {
    return field_error("validate_grant", "scope", "error.scope");
  }
  return {};
}

bool scope_contains(const Scope& outer, const Scope& inner, const RegionOf& region_of) {
  if (outer.kind == ScopeKind::national) return true;
  if (outer == inner) return true;
  if (outer.kind != ScopeKind::region) return false;
  if (inner.kind != ScopeKind::lab && inner.kind != ScopeKind::unit) return false;
  if (!region_of) return false;
  const auto region = region_of(inner);
  return region.has_value() && *region == outer.ref;
}

bool can_grant(const std::vector<Grant>& actor, Role role, const Scope& scope, const RegionOf& region_of) {
  if (holds(actor, Role::admin)) return true;
  for (const Grant& g : actor) {
    switch (g.role) {
      case Role::region_admin:
        if ((role == Role::participant || role == Role::coach || role == Role::region_admin) &&
            g.scope.kind == ScopeKind::region && scope_contains(g.scope, scope, region_of)) {
          return true;
        }
        break;
      case Role::lab_organizer:
        if ((role == Role::participant || role == Role::coach) &&
            (g.scope.kind == ScopeKind::lab || g.scope.kind == ScopeKind::region) &&
            scope_contains(g.scope, scope, region_of)) {
          return true;
        }
        break;
      case Role::curator:
        if ((role == Role::judge || role == Role::curator) && g.scope.kind == ScopeKind::national) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

bool allows(const std::vector<Grant>& grants, Role needed, const Scope& target, const RegionOf& region_of) {
  if (holds(grants, Role::admin)) return true;
  return std::any_of(grants.begin(), grants.end(),
                     [&](const Grant& g) { return g.role == needed && scope_contains(g.scope, target, region_of); });
}

RateDecision rate_attempt(const std::optional<RateWindow>& current, std::int64_t now, const RateLimit& limit) {
  RateDecision d;
  if (!current || now >= current->window_start + limit.window_seconds || now < current->window_start) {
    // No window, an ended one, or a clock that went back: start afresh.
    d.next = RateWindow{now, 1};
    d.allowed = limit.limit > 0;
    if (!d.allowed) d.retry_after = limit.window_seconds, d.next = RateWindow{now, 0};
    return d;
  }
  if (current->count >= limit.limit) {
    d.allowed = false;
    d.retry_after = current->window_start + limit.window_seconds - now;
    d.next = *current;
    return d;
  }
  d.next = RateWindow{current->window_start, current->count + 1};
  return d;
}

std::optional<std::int64_t> retry_after_seconds(const Error& error) {
  if (error.code() != ErrorCode::too_many) return std::nullopt;
  const std::string& m = error.message();
  const auto pos = m.rfind(kRetryAfterTag);
  if (pos == std::string::npos) return std::nullopt;
  const char* first = m.data() + pos + kRetryAfterTag.size();
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(first, m.data() + m.size(), value);
  if (ec != std::errc() || ptr == first || *ptr != ')') return std::nullopt;
  return value;
}

}  // namespace lumbung::auth
