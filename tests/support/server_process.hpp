// Test support: run the real `lumbung` binary as a child process and talk to
// it over loopback with raw bytes.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lumbung::testing_support {

// Path of the built binary (LUMBUNG_BINARY_DIR/lumbung).
std::string lumbung_binary();

// Runs `lumbung <args>` to completion; returns exit code and stdout+stderr.
struct RunResult {
  int exit_code = -1;
  std::string output;
};
RunResult run_lumbung(const std::vector<std::string>& args);
// The same, writing `input` to the child's standard input.
RunResult run_lumbung_with_input(const std::vector<std::string>& args, const std::string& input);

// Runs `lumbung token create` on data directory `dir`; returns the token it
// printed on stdout, or "" if it failed.
std::string create_api_token(const std::string& dir, const std::string& name, const std::string& role,
                             const std::string& scope);

class ServerProcess {
 public:
  // Starts `lumbung serve --port 0 --host 127.0.0.1 <args>` and waits for the
  // "listening on http://HOST:PORT" line (fails the test after 60 s).
  explicit ServerProcess(std::vector<std::string> args);
  ~ServerProcess();  // SIGKILLs the child if still running

  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  // Sends SIGTERM and waits; returns the exit code (or -signal).
  int terminate();
  // Sends SIGKILL and waits.
  void kill();
  bool running() const { return pid_ > 0; }

 private:
  int pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
  std::string first_line_;
};

struct HttpReply {
  int status = 0;                                // 0 when no status line arrived
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool closed = false;  // the server closed the connection after this reply
  std::string header(const std::string& lower_name) const;
};

// Opens a connection to 127.0.0.1:port.
class Connection {
 public:
  explicit Connection(int port);
  ~Connection();
  bool ok() const { return fd_ >= 0; }
  bool send(const std::string& bytes);
  // Reads one response (Content-Length or until close). Gives up after `timeout`.
  HttpReply read_reply(std::chrono::milliseconds timeout = std::chrono::seconds(10), bool head = false);
  // True if the peer closed the connection (read returns 0) within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection.
HttpReply http_get(int port, const std::string& target, const std::map<std::string, std::string>& headers = {});
HttpReply http_raw(int port, const std::string& bytes);

}  // namespace lumbung::testing_support
