#include "http/metrics.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST(Metrics, PrometheusText) {
  Metrics m;
  m.request_started();
  m.request_finished("get_home", 200, 0.002);
  m.request_started();
  m.request_finished("get_home", 200, 0.3);
  m.request_started();
  m.request_finished("not_found", 404, 20.0);
  m.request_started();  // still in flight
  std::string text = m.render();

  EXPECT_TRUE(has_line(text, "# TYPE lumbung_http_requests_total counter"));
  EXPECT_TRUE(has_line(text, "lumbung_http_requests_total{route=\"get_home\",status=\"200\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_requests_total{route=\"not_found\",status=\"404\"} 1"));
  EXPECT_TRUE(has_line(text, "# TYPE lumbung_http_request_duration_seconds histogram"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_bucket{le=\"0.001\"} 0"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_bucket{le=\"0.0025\"} 1"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_bucket{le=\"0.5\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_bucket{le=\"10\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"));
  EXPECT_TRUE(has_line(text, "lumbung_http_request_duration_seconds_count 3"));
  EXPECT_NE(text.find("\nlumbung_http_request_duration_seconds_sum 20.30"), std::string::npos);
  EXPECT_TRUE(has_line(text, "# TYPE lumbung_http_route_duration_seconds histogram"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"get_home\",le=\"0.001\"} 0"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"get_home\",le=\"0.0025\"} 1"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"get_home\",le=\"0.5\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"get_home\",le=\"+Inf\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_count{route=\"get_home\"} 2"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"not_found\",le=\"10\"} 0"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_bucket{route=\"not_found\",le=\"+Inf\"} 1"));
  EXPECT_TRUE(has_line(text, "lumbung_http_route_duration_seconds_count{route=\"not_found\"} 1"));
  EXPECT_TRUE(has_line(text, "# TYPE lumbung_http_requests_in_flight gauge"));
  EXPECT_TRUE(has_line(text, "lumbung_http_requests_in_flight 1"));

  // Every line is a comment or "name{labels} value"; every metric has HELP and TYPE.
  std::istringstream in(text);
  int help = 0;
  int type = 0;
  for (std::string l; std::getline(in, l);) {
    ASSERT_FALSE(l.empty());
    if (l.rfind("# HELP ", 0) == 0) ++help;
    else if (l.rfind("# TYPE ", 0) == 0) ++type;
    else EXPECT_NE(l.rfind(' '), std::string::npos) << l;
  }
  EXPECT_EQ(help, 4);
  EXPECT_EQ(type, 4);
  EXPECT_EQ(text.back(), '\n');
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.request_started();
  m.request_finished("a\"b\\c\nd", 200, 0.1);
  EXPECT_NE(m.render().find("route=\"a\\\"b\\\\c\\nd\""), std::string::npos);
}

}  // namespace
}  // namespace lumbung::http
