// Loggers are made once in cli/ and passed down; nothing logs through a global.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace lumbung {

using Logger = std::shared_ptr<spdlog::logger>;

// A logger writing one line per event to stderr at `level` (see Config::log_level).
Logger make_logger(const std::string& name, const std::string& level);
// The same with a line format: "text" (the default above) or "json" (one JSON
// object per line: {"time", "level", "logger", "msg"}, the message escaped).
Logger make_logger(const std::string& name, const std::string& level, const std::string& format);
// A logger that drops everything, for tests.
Logger null_logger();

}  // namespace lumbung
