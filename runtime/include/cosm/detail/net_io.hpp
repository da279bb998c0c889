// Base of the socket awaiters: a leaf that waits for one socket to become
// readable or writable. The loop registers the socket with epoll only while
// such a leaf waits, and calls io_ready() on the loop thread when epoll says
// so; the leaf retries its system call there and the task resumes only once
// the operation is finished.
#pragma once

#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"

namespace cosm::detail {

class io_leaf : public task_leaf {
public:
  // Retry the operation: true when finished (result or io_errno set), false
  // to keep waiting.
  virtual bool io_ready() noexcept = 0;

  void cancel() noexcept override {
    loop_->io_forget(*this);
    leaf_cancelled();
  }
  // Called by the loop once io_ready() returned true (or the socket closed).
  void io_wake() noexcept { leaf_wake(); }

  int io_fd = -1;
  bool io_writing = false;    // waits for EPOLLOUT rather than EPOLLIN
  bool io_registered = false; // maintained by the loop
  int io_errno = 0;           // the failure, once finished

protected:
  io_leaf(int fd, bool writing) noexcept : io_fd(fd), io_writing(writing) {}
  io_leaf(const io_leaf &other) noexcept
      : task_leaf(other), io_fd(other.io_fd), io_writing(other.io_writing),
        io_errno(other.io_errno) {}
  ~io_leaf() {
    if (io_registered)
      loop_->io_forget(*this);
  }

  // await_suspend's work: false when a cancel is pending (resume at once).
  bool io_suspend(lowered::frame_handle awaiting, const char *who) {
    if (!leaf_begin(awaiting, who))
      return false;
    try {
      loop_->io_wait(*this);
    } catch (...) {
      leaf_detach();
      throw;
    }
    return true;
  }
};

} // namespace cosm::detail
