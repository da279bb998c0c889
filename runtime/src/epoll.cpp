// Socket readiness on epoll. A socket is in the interest set only while a task
// waits on it (a reader, a writer, or both), and the pool's completions arrive
// through an eventfd that is always registered.
#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/net_io.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <stdexcept>
#include <system_error>

namespace cosm::detail {

namespace {
[[noreturn]] void throw_errno(const char *what) {
  throw std::system_error(errno, std::system_category(), what);
}
} // namespace

void loop::open_poller() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0)
    throw_errno("cosm::run: epoll_create1");
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    int err = errno;
    ::close(epoll_fd_);
    throw std::system_error(err, std::system_category(), "cosm::run: eventfd");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd_;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev) != 0) {
    int err = errno;
    ::close(wake_fd_);
    ::close(epoll_fd_);
    throw std::system_error(err, std::system_category(),
                            "cosm::run: epoll_ctl");
  }
}

void loop::close_poller() noexcept {
  if (wake_fd_ >= 0)
    ::close(wake_fd_);
  if (epoll_fd_ >= 0)
    ::close(epoll_fd_);
  wake_fd_ = epoll_fd_ = -1;
}

void loop::poll_io(std::int64_t timeout_ns) {
  constexpr int max_events = 256;
  epoll_event events[max_events];
  int n;
  if (pwait2_) {
    // Nanosecond timeouts: a short sleep need not round up to a millisecond.
    timespec ts{};
    timespec *tsp = nullptr;
    if (timeout_ns >= 0) {
      ts.tv_sec = static_cast<time_t>(timeout_ns / 1000000000);
      ts.tv_nsec = static_cast<long>(timeout_ns % 1000000000);
      tsp = &ts;
    }
    n = ::epoll_pwait2(epoll_fd_, events, max_events, tsp, nullptr);
    if (n < 0 && errno == ENOSYS) {
      pwait2_ = false;
      return poll_io(timeout_ns);
    }
  } else {
    int ms = -1;
    if (timeout_ns >= 0) // rounded up: waking early would spin
      ms = timeout_ns > 2000000000000LL
               ? 2000000000
               : static_cast<int>((timeout_ns + 999999) / 1000000);
    n = ::epoll_wait(epoll_fd_, events, max_events, ms);
  }
  if (n < 0) {
    if (errno == EINTR)
      return;
    throw_errno("cosm::run: epoll_wait");
  }
  for (int i = 0; i < n; ++i) {
    if (events[i].data.fd == wake_fd_)
      drain_completions();
    else
      dispatch_io(events[i].data.fd, events[i].events);
  }
}

void loop::dispatch_io(int fd, std::uint32_t events) noexcept {
  if (fd < 0 || static_cast<std::size_t>(fd) >= fds_.size())
    return;
  const std::uint32_t failure = EPOLLERR | EPOLLHUP;
  if (events & (EPOLLIN | EPOLLRDHUP | failure)) {
    if (io_leaf *reader = fds_[fd].reader; reader && reader->io_ready()) {
      io_forget(*reader);
      reader->io_wake();
    }
  }
  if (events & (EPOLLOUT | failure)) {
    if (io_leaf *writer = fds_[fd].writer; writer && writer->io_ready()) {
      io_forget(*writer);
      writer->io_wake();
    }
  }
}

void loop::update_interest(int fd) noexcept {
  fd_slot &slot = fds_[fd];
  std::uint32_t wanted = 0;
  if (slot.reader)
    wanted |= EPOLLIN | EPOLLRDHUP;
  if (slot.writer)
    wanted |= EPOLLOUT;
  if (wanted == slot.events)
    return;
  epoll_event ev{};
  ev.events = wanted;
  ev.data.fd = fd;
  int op = slot.events == 0 ? EPOLL_CTL_ADD
                            : (wanted == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD);
  if (::epoll_ctl(epoll_fd_, op, fd, &ev) == 0 || op == EPOLL_CTL_DEL)
    slot.events = wanted;
}

void loop::io_wait(io_leaf &leaf) {
  const int fd = leaf.io_fd;
  if (fd < 0)
    throw std::system_error(EBADF, std::system_category(),
                            "cosm: waiting on a closed socket");
  if (static_cast<std::size_t>(fd) >= fds_.size())
    fds_.resize(static_cast<std::size_t>(fd) + 1);
  fd_slot &slot = fds_[fd];
  io_leaf *&place = leaf.io_writing ? slot.writer : slot.reader;
  if (place)
    throw std::logic_error(leaf.io_writing
                               ? "cosm: two tasks writing one socket at once"
                               : "cosm: two tasks reading one socket at once");
  place = &leaf;
  update_interest(fd);
  const std::uint32_t needed = leaf.io_writing ? EPOLLOUT : EPOLLIN;
  if (!(slot.events & needed)) { // epoll_ctl failed
    const int err = errno;
    place = nullptr;
    throw std::system_error(err, std::system_category(), "cosm: epoll_ctl");
  }
  leaf.io_registered = true;
  ++io_waiters_;
}

void loop::io_forget(io_leaf &leaf) noexcept {
  if (!leaf.io_registered)
    return;
  leaf.io_registered = false;
  --io_waiters_;
  fd_slot &slot = fds_[leaf.io_fd];
  (leaf.io_writing ? slot.writer : slot.reader) = nullptr;
  update_interest(leaf.io_fd);
}

void loop::io_closing(int fd) noexcept {
  if (fd < 0 || static_cast<std::size_t>(fd) >= fds_.size())
    return;
  for (io_leaf *leaf : {fds_[fd].reader, fds_[fd].writer}) {
    if (!leaf)
      continue;
    io_forget(*leaf);
    leaf->io_errno = EBADF;
    leaf->io_wake();
  }
}

} // namespace cosm::detail
