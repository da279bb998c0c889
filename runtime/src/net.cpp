// TCP sockets: address parsing, the non-blocking system calls behind the
// awaiters, and tcp_stream/tcp_listener. Every socket is non-blocking and
// close-on-exec; writes use MSG_NOSIGNAL so a closed peer is an EPIPE error,
// never a SIGPIPE.
#include "cosm/net.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace cosm::detail {

static_assert(sizeof(net_address::bytes) >= sizeof(sockaddr_storage));

namespace {

[[noreturn]] void throw_errno(int err, const char *what) {
  throw std::system_error(err, std::system_category(), what);
}

// 0, or the errno value for an address we cannot use. `passive`: "" and "*"
// mean every interface (for bind).
int parse_address(std::string_view host, std::uint16_t port, bool passive,
                  net_address &out) noexcept {
  std::string name(host);
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  if (name == "localhost")
    name = "127.0.0.1";
  std::memset(out.bytes, 0, sizeof out.bytes);
  if (passive && (name.empty() || name == "*")) {
    auto *sa = reinterpret_cast<sockaddr_in *>(out.bytes);
    sa->sin_family = AF_INET;
    sa->sin_port = htons(port);
    sa->sin_addr.s_addr = htonl(INADDR_ANY);
    out.length = sizeof(sockaddr_in);
    return 0;
  }
  auto *v4 = reinterpret_cast<sockaddr_in *>(out.bytes);
  if (::inet_pton(AF_INET, name.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    out.length = sizeof(sockaddr_in);
    return 0;
  }
  auto *v6 = reinterpret_cast<sockaddr_in6 *>(out.bytes);
  if (::inet_pton(AF_INET6, name.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    out.length = sizeof(sockaddr_in6);
    return 0;
  }
  return EINVAL; // not numeric: resolving names would block the loop
}

int family_of(const net_address &a) noexcept {
  return reinterpret_cast<const sockaddr *>(a.bytes)->sa_family;
}

void set_nodelay(int fd) noexcept {
  int one = 1; // asyncio streams do this too: small writes go out at once
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace

// ---- accept ----

accept_awaiter::~accept_awaiter() {
  if (accepted_ >= 0)
    ::close(accepted_);
}

bool accept_awaiter::io_ready() noexcept {
  if (io_fd < 0) {
    io_errno = EBADF;
    return true;
  }
  for (;;) {
    int fd = ::accept4(io_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      set_nodelay(fd);
      accepted_ = fd;
      return true;
    }
    switch (errno) {
    case EINTR:
    case ECONNABORTED: // the client gave up before we accepted: next one
      continue;
    case EAGAIN:
      return false;
    default:
      io_errno = errno;
      return true;
    }
  }
}

tcp_stream accept_awaiter::await_resume() {
  leaf_end();
  if (io_errno)
    throw_errno(io_errno, "cosm::tcp_listener::accept");
  return tcp_stream(std::exchange(accepted_, -1));
}

// ---- connect ----

connect_awaiter::connect_awaiter(std::string_view host,
                                 std::uint16_t port) noexcept
    : io_leaf(-1, true) {
  io_errno = parse_address(host, port, false, address_);
}

connect_awaiter::~connect_awaiter() {
  if (io_registered)
    loop_->io_forget(*this);
  if (io_fd >= 0)
    ::close(io_fd);
}

bool connect_awaiter::await_ready() noexcept {
  if (io_errno)
    return true; // bad address
  io_fd = ::socket(family_of(address_),
                   SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (io_fd < 0) {
    io_errno = errno;
    return true;
  }
  int r;
  do
    r = ::connect(io_fd, reinterpret_cast<const sockaddr *>(address_.bytes),
                  address_.length);
  while (r != 0 && errno == EINTR);
  if (r == 0)
    return true;
  if (errno == EINPROGRESS)
    return false;
  io_errno = errno;
  return true;
}

bool connect_awaiter::io_ready() noexcept {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(io_fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
    err = errno;
  io_errno = err;
  return true;
}

tcp_stream connect_awaiter::await_resume() {
  leaf_end();
  if (io_errno)
    throw_errno(io_errno, "cosm::tcp_stream::connect");
  set_nodelay(io_fd);
  return tcp_stream(std::exchange(io_fd, -1));
}

// ---- read / write ----

bool read_awaiter::io_ready() noexcept {
  if (size_ == 0)
    return true;
  if (io_fd < 0) {
    io_errno = EBADF;
    return true;
  }
  for (;;) {
    ssize_t n = ::recv(io_fd, buffer_, size_, 0);
    if (n >= 0) {
      got_ = static_cast<std::size_t>(n);
      return true;
    }
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return false;
    io_errno = errno;
    return true;
  }
}

std::size_t read_awaiter::await_resume() {
  leaf_end();
  if (io_errno)
    throw_errno(io_errno, "cosm::tcp_stream::read_some");
  return got_;
}

bool write_awaiter::io_ready() noexcept {
  if (written_ == size_)
    return true;
  if (io_fd < 0) {
    io_errno = EBADF;
    return true;
  }
  while (written_ < size_) {
    ssize_t n = ::send(io_fd, data_ + written_, size_ - written_, MSG_NOSIGNAL);
    if (n >= 0) {
      written_ += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return false;
    io_errno = errno;
    return true;
  }
  return true;
}

void write_awaiter::await_resume() {
  leaf_end();
  if (io_errno)
    throw_errno(io_errno, "cosm::tcp_stream::write_all");
}

} // namespace cosm::detail

namespace cosm {

namespace {
void close_socket(int &fd) noexcept {
  if (fd < 0)
    return;
  if (detail::loop *l = detail::loop::current())
    l->io_closing(fd); // a task still waiting on it gets EBADF
  ::close(std::exchange(fd, -1));
}
} // namespace

tcp_stream::tcp_stream(tcp_stream &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

tcp_stream &tcp_stream::operator=(tcp_stream &&other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void tcp_stream::shutdown_write() {
  if (::shutdown(fd_, SHUT_WR) != 0)
    detail::throw_errno(errno, "cosm::tcp_stream::shutdown_write");
}

void tcp_stream::close() noexcept { close_socket(fd_); }

tcp_listener::tcp_listener(tcp_listener &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), port_(other.port_) {}

tcp_listener &tcp_listener::operator=(tcp_listener &&other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
  }
  return *this;
}

void tcp_listener::close() noexcept { close_socket(fd_); }

tcp_listener tcp_listener::bind(std::string_view host, std::uint16_t port,
                                int backlog) {
  detail::net_address address;
  if (int err = detail::parse_address(host, port, true, address))
    detail::throw_errno(err, "cosm::tcp_listener::bind: bad address");
  tcp_listener listener;
  listener.fd_ = ::socket(detail::family_of(address),
                          SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listener.fd_ < 0)
    detail::throw_errno(errno, "cosm::tcp_listener::bind: socket");
  int one = 1;
  ::setsockopt(listener.fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(listener.fd_, reinterpret_cast<const sockaddr *>(address.bytes),
             address.length) != 0)
    detail::throw_errno(errno, "cosm::tcp_listener::bind");
  if (::listen(listener.fd_, backlog) != 0)
    detail::throw_errno(errno, "cosm::tcp_listener::bind: listen");
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  if (::getsockname(listener.fd_, reinterpret_cast<sockaddr *>(&bound),
                    &length) != 0)
    detail::throw_errno(errno, "cosm::tcp_listener::bind: getsockname");
  listener.port_ =
      ntohs(bound.ss_family == AF_INET6
                ? reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port
                : reinterpret_cast<sockaddr_in *>(&bound)->sin_port);
  return listener;
}

} // namespace cosm
