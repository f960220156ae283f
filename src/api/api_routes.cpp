#include "api/api_routes.hpp"

namespace lumbung::api {

void register_routes(http::Router&, const web::Site&) {}

}  // namespace lumbung::api
