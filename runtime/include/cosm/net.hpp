// TCP sockets on the loop's epoll: tcp_listener and tcp_stream. Hosts are
// numeric IPv4/IPv6 addresses or "localhost" (name resolution would block the
// loop). OS errors (refused, reset, bad address...) throw std::system_error
// carrying the errno value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cosm/detail/net_io.hpp"
#include "cosm/detail/task_handle.hpp"

namespace cosm {

class tcp_stream;

namespace detail {

// A parsed socket address (a sockaddr_storage, kept opaque here).
struct net_address {
  alignas(8) unsigned char bytes[128];
  unsigned length = 0;
};

class accept_awaiter final : public io_leaf {
public:
  explicit accept_awaiter(int listener_fd) noexcept
      : io_leaf(listener_fd, false) {}
  accept_awaiter(const accept_awaiter &other) noexcept : io_leaf(other) {}
  ~accept_awaiter();

  bool await_ready() noexcept { return io_ready(); }
  template <class H> bool await_suspend(H awaiting) {
    return io_suspend(as_frame_handle(awaiting), "tcp_listener::accept");
  }
  tcp_stream await_resume();
  bool io_ready() noexcept override;

private:
  int accepted_ = -1;
};

class connect_awaiter final : public io_leaf {
public:
  connect_awaiter(std::string_view host, std::uint16_t port) noexcept;
  connect_awaiter(const connect_awaiter &other) noexcept
      : io_leaf(other), address_(other.address_) {}
  ~connect_awaiter();

  bool await_ready() noexcept; // starts the connection
  template <class H> bool await_suspend(H awaiting) {
    return io_suspend(as_frame_handle(awaiting), "tcp_stream::connect");
  }
  tcp_stream await_resume();
  bool io_ready() noexcept override;

private:
  net_address address_;
};

class read_awaiter final : public io_leaf {
public:
  read_awaiter(int fd, char *buffer, std::size_t size) noexcept
      : io_leaf(fd, false), buffer_(buffer), size_(size) {}
  read_awaiter(const read_awaiter &other) noexcept
      : io_leaf(other), buffer_(other.buffer_), size_(other.size_) {}

  bool await_ready() noexcept { return io_ready(); }
  template <class H> bool await_suspend(H awaiting) {
    return io_suspend(as_frame_handle(awaiting), "tcp_stream::read_some");
  }
  std::size_t await_resume();
  bool io_ready() noexcept override;

private:
  char *buffer_;
  std::size_t size_;
  std::size_t got_ = 0;
};

class write_awaiter final : public io_leaf {
public:
  write_awaiter(int fd, const char *data, std::size_t size) noexcept
      : io_leaf(fd, true), data_(data), size_(size) {}
  write_awaiter(const write_awaiter &other) noexcept
      : io_leaf(other), data_(other.data_), size_(other.size_),
        written_(other.written_) {}

  bool await_ready() noexcept { return io_ready(); }
  template <class H> bool await_suspend(H awaiting) {
    return io_suspend(as_frame_handle(awaiting), "tcp_stream::write_all");
  }
  void await_resume();
  bool io_ready() noexcept override;

private:
  const char *data_;
  std::size_t size_;
  std::size_t written_ = 0;
};

} // namespace detail

// A connected TCP socket: move-only, the destructor closes it.
class tcp_stream {
public:
  tcp_stream() noexcept = default;
  explicit tcp_stream(int fd) noexcept : fd_(fd) {} // adopts fd
  tcp_stream(tcp_stream &&other) noexcept;
  tcp_stream &operator=(tcp_stream &&other) noexcept;
  ~tcp_stream() { close(); }

  // co_await tcp_stream::connect("127.0.0.1", port) -> tcp_stream
  static detail::connect_awaiter connect(std::string_view host,
                                         std::uint16_t port) noexcept {
    return detail::connect_awaiter(host, port);
  }
  // co_await s.read_some(buf, n) -> bytes read (0 at end of stream).
  detail::read_awaiter read_some(char *buffer, std::size_t size) noexcept {
    return detail::read_awaiter(fd_, buffer, size);
  }
  // co_await s.write_all(p, n): returns once every byte is written.
  detail::write_awaiter write_all(const char *data, std::size_t size) noexcept {
    return detail::write_awaiter(fd_, data, size);
  }

  // Half-close: the peer reads end of stream; reading still works.
  void shutdown_write();
  // Wakes a task still waiting on this socket (std::system_error EBADF).
  void close() noexcept;
  bool is_open() const noexcept { return fd_ >= 0; }
  int native_handle() const noexcept { return fd_; }

private:
  int fd_ = -1;
};

// A listening TCP socket: move-only, the destructor closes it.
class tcp_listener {
public:
  tcp_listener() noexcept = default;
  tcp_listener(tcp_listener &&other) noexcept;
  tcp_listener &operator=(tcp_listener &&other) noexcept;
  ~tcp_listener() { close(); }

  // Synchronous. Port 0 picks an ephemeral port (see port()).
  static tcp_listener bind(std::string_view host, std::uint16_t port,
                           int backlog = 4096);
  std::uint16_t port() const noexcept { return port_; }

  // co_await listener.accept() -> tcp_stream
  detail::accept_awaiter accept() noexcept {
    return detail::accept_awaiter(fd_);
  }

  void close() noexcept;
  bool is_open() const noexcept { return fd_ >= 0; }
  int native_handle() const noexcept { return fd_; }

private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

} // namespace cosm
