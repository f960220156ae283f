#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lumbung::testing_support {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Starts the binary with stdout and stderr on a pipe (and stdin on another
// when in_fd is given). The child gets SIGTERM when the test process dies,
// so an aborted test leaves no server behind.
pid_t spawn(const std::vector<std::string>& args, int* out_fd, int* in_fd = nullptr) {
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  int inpipe[2] = {-1, -1};
  if (in_fd != nullptr && pipe(inpipe) != 0) throw std::runtime_error("pipe failed");
  // Everything the child needs is prepared before fork (no allocation after it).
  auto bin = lumbung_binary();
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  argv.push_back(bin.data());
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed: " + std::string(strerror(errno)));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    if (in_fd != nullptr) {
      dup2(inpipe[0], 0);
      close(inpipe[0]);
      close(inpipe[1]);
    }
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    close(pipefd[1]);
    execve(bin.c_str(), argv.data(), environ);
    _exit(127);
  }
  close(pipefd[1]);
  if (in_fd != nullptr) {
    close(inpipe[0]);
    *in_fd = inpipe[1];
  }
  *out_fd = pipefd[0];
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace

std::string lumbung_binary() { return std::string(LUMBUNG_BINARY_DIR) + "/lumbung"; }

RunResult run_lumbung(const std::vector<std::string>& args) { return run_lumbung_with_input(args, ""); }

std::string create_api_token(const std::string& dir, const std::string& name, const std::string& role,
                             const std::string& scope) {
  auto r = run_lumbung({"token", "create", "--data", dir, "--name", name, "--role", role, "--scope", scope});
  if (r.exit_code != 0) return {};
  // stdout and stderr are mixed: the token is the one line without spaces.
  std::size_t start = 0;
  while (start < r.output.size()) {
    auto end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    const auto line = r.output.substr(start, end - start);
    if (!line.empty() && line.rfind("token ", 0) != 0 && line.find(' ') == std::string::npos) return line;
    start = end + 1;
  }
  return {};
}

RunResult run_lumbung_with_input(const std::vector<std::string>& args, const std::string& input) {
  int fd = -1, in = -1;
  pid_t pid = spawn(args, &fd, &in);
  std::size_t off = 0;
  while (off < input.size()) {
    ssize_t n = write(in, input.data() + off, input.size() - off);
    if (n <= 0) break;
    off += static_cast<std::size_t>(n);
  }
  close(in);
  RunResult r;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) r.output.append(buf, static_cast<std::size_t>(n));
  close(fd);
  r.exit_code = wait_exit(pid);
  return r;
}

ServerProcess::ServerProcess(std::vector<std::string> args) {
  std::vector<std::string> full = {"serve", "--port", "0", "--host", "127.0.0.1"};
  full.insert(full.end(), args.begin(), args.end());
  pid_ = spawn(full, &stdout_fd_);
  // The first stdout line is the contract: "listening on http://HOST:PORT".
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::regex line_re(R"(^listening on http://([^:\s]+):(\d+)$)");
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
    // stderr shares the pipe: log lines may come first; find the listening line.
    std::size_t start = 0, nl;
    while ((nl = seen.find('\n', start)) != std::string::npos) {
      auto line = seen.substr(start, nl - start);
      std::smatch m;
      if (std::regex_match(line, m, line_re)) {
        first_line_ = line;
        port_ = std::stoi(m[2]);
        // Keep draining output in the background so the child never blocks on a full pipe.
        int fd = stdout_fd_;
        stdout_fd_ = -1;
        std::thread([fd] {
          char b[4096];
          while (read(fd, b, sizeof b) > 0) {
          }
          close(fd);
        }).detach();
        return;
      }
      start = nl + 1;
    }
  }
  kill();
  throw std::runtime_error("server did not print its listening line; output:\n" + seen);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

int ServerProcess::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int code = wait_exit(pid_);
  pid_ = -1;
  return code;
}

void ServerProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  wait_exit(pid_);
  pid_ = -1;
}

std::string HttpReply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

Connection::Connection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Connection::~Connection() {
  if (fd_ >= 0) close(fd_);
}

bool Connection::send(const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

HttpReply Connection::read_reply(std::chrono::milliseconds timeout, bool head) {
  HttpReply reply;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto fill = [&]() -> bool {  // false on close or timeout
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[16384];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      reply.closed = true;
      return false;
    }
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return reply;
  std::string head_block = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  std::size_t line_end = head_block.find("\r\n");
  std::string status_line = head_block.substr(0, line_end);
  if (status_line.size() >= 12) reply.status = std::atoi(status_line.c_str() + 9);
  std::size_t pos = line_end == std::string::npos ? head_block.size() : line_end + 2;
  while (pos < head_block.size()) {
    auto next = head_block.find("\r\n", pos);
    auto line = head_block.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers.emplace(lower(line.substr(0, colon)), value);
    }
    if (next == std::string::npos) break;
    pos = next + 2;
  }
  if (head || reply.status == 304 || reply.status == 204) return reply;
  auto cl = reply.header("content-length");
  if (!cl.empty()) {
    std::size_t want = std::stoul(cl);
    while (buffer_.size() < want)
      if (!fill()) break;
    reply.body = buffer_.substr(0, std::min(want, buffer_.size()));
    buffer_.erase(0, reply.body.size());
  } else {
    while (fill()) {
    }
    reply.body = std::move(buffer_);
    buffer_.clear();
  }
  return reply;
}

bool Connection::wait_closed(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
  }
  return false;
}

HttpReply http_get(int port, const std::string& target, const std::map<std::string, std::string>& headers) {
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n";
  return http_raw(port, req);
}

HttpReply http_raw(int port, const std::string& bytes) {
  Connection c(port);
  if (!c.ok() || !c.send(bytes)) return {};
  return c.read_reply();
}

}  // namespace lumbung::testing_support
