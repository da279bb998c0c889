// The event loop's state, shared by the headers (awaiters schedule, arm timers
// and wait on sockets through it) and runtime/src (which implements it, one OS
// concern a file). One loop runs per cosm::run call, on the calling thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "cosm/detail/task_handle.hpp"

namespace cosm {
struct run_options;
}

namespace cosm::detail {

class task_root;
class spawned_root;
class io_leaf;

// A frame to resume and the task (asyncio.Task) it belongs to.
struct ready_entry {
  lowered::frame_handle handle;
  task_root *root;
};

// FIFO ring buffer; grows by doubling and never shrinks during a run, so
// scheduling allocates nothing in the steady state.
class ready_queue {
public:
  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }
  void push(const ready_entry &e) {
    if (size_ == capacity_)
      grow();
    slots_[(head_ + size_) & (capacity_ - 1)] = e;
    ++size_;
  }
  ready_entry pop() noexcept {
    ready_entry e = slots_[head_];
    head_ = (head_ + 1) & (capacity_ - 1);
    --size_;
    return e;
  }
  void clear() noexcept { head_ = size_ = 0; }

private:
  void grow();
  std::unique_ptr<ready_entry[]> slots_;
  std::size_t capacity_ = 0, head_ = 0, size_ = 0;
};

// A one-shot timer, embedded in the awaiter or frame that arms it.
struct timer_node {
  static constexpr std::size_t not_armed = ~std::size_t{0};
  std::int64_t deadline = 0; // nanoseconds on the loop clock
  std::uint64_t seq = 0;     // arming order: equal deadlines fire in it
  std::size_t heap_index = not_armed;
  void (*fire)(void *context) noexcept = nullptr; // runs on the loop thread
  void *context = nullptr;

  bool armed() const noexcept { return heap_index != not_armed; }
};

// Work for the thread pool: execute() runs on a pool thread, complete() back
// on the loop thread that submitted it.
class loop_job {
public:
  virtual void execute() noexcept = 0;
  virtual void complete() noexcept = 0;

  class loop *owner = nullptr;
  loop_job *next_completed = nullptr;

protected:
  ~loop_job() = default;
};

class loop {
public:
  explicit loop(const run_options &options);
  ~loop();
  loop(const loop &) = delete;
  loop &operator=(const loop &) = delete;

  // The loop running on this thread, or null.
  static loop *current() noexcept;
  // The running loop; std::logic_error naming `who` when there is none.
  static loop &running(const char *who);

  // Runs `main` (not yet started) to completion, then cancels and drains the
  // tasks still alive, as asyncio.run does.
  void run_main(task_root &main);

  void schedule(lowered::frame_handle h, task_root *root) {
    ready_.push({h, root});
  }
  task_root *current_root() const noexcept { return current_root_; }

  // Clock (nanoseconds): steady_clock, or simulated time from 0.
  std::int64_t now() const noexcept;
  bool virtual_clock() const noexcept { return virtual_clock_; }

  // Timers (timers.cpp).
  void arm(timer_node &t, std::int64_t deadline);
  void disarm(timer_node &t) noexcept;

  // Sockets (epoll.cpp). A socket is registered only while a task waits.
  void io_wait(io_leaf &leaf);
  void io_forget(io_leaf &leaf) noexcept;
  void io_closing(int fd) noexcept; // wakes the waiters of a closing socket

  // Thread offload (thread_pool.cpp).
  void submit(loop_job &job);
  void post_completion(loop_job &job) noexcept; // from a pool thread

  // Spawned tasks: owned by the loop until they finish.
  void adopt(spawned_root &root);
  void forget(spawned_root &root) noexcept;

private:
  struct fd_slot {
    io_leaf *reader = nullptr;
    io_leaf *writer = nullptr;
    std::uint32_t events = 0;
  };

  void step();
  void run_ready();
  void shutdown();
  void teardown(task_root &main) noexcept;
  // Timers.
  bool timer_less(const timer_node *a, const timer_node *b) const noexcept;
  void sift_up(std::size_t i) noexcept;
  void sift_down(std::size_t i) noexcept;
  void fire_due_timers() noexcept;
  // epoll.
  void open_poller();
  void close_poller() noexcept;
  void poll_io(std::int64_t timeout_ns);
  void dispatch_io(int fd, std::uint32_t events) noexcept;
  void update_interest(int fd) noexcept;
  void drain_completions() noexcept;

  ready_queue ready_;
  task_root *current_root_ = nullptr;

  bool virtual_clock_ = false;
  std::int64_t virtual_now_ = 0;

  std::vector<timer_node *> timers_;
  std::uint64_t timer_seq_ = 0;

  int epoll_fd_ = -1;
  int wake_fd_ = -1; // eventfd written by pool threads
  bool pwait2_ = true;
  std::vector<fd_slot> fds_;
  std::size_t io_waiters_ = 0;

  std::mutex completed_mutex_;
  loop_job *completed_ = nullptr; // LIFO list, reversed when drained
  std::size_t jobs_in_flight_ = 0;

  spawned_root *spawned_ = nullptr; // intrusive list of live spawned tasks
};

} // namespace cosm::detail
