// The loop's driver: one iteration polls I/O, fires due timers, then runs
// exactly the frames that were ready when the iteration began (asyncio's
// _run_once), each through the trampoline.
#include "cosm/loop.hpp"
#include "cosm/clock.hpp"
#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_root.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

namespace cosm::detail {

namespace {
thread_local loop *current_loop = nullptr;
} // namespace

void ready_queue::grow() {
  const std::size_t capacity = capacity_ ? capacity_ * 2 : 256;
  std::unique_ptr<ready_entry[]> slots(new ready_entry[capacity]);
  for (std::size_t i = 0; i < size_; ++i)
    slots[i] = slots_[(head_ + i) & (capacity_ - 1)];
  slots_ = std::move(slots);
  capacity_ = capacity;
  head_ = 0;
}

loop::loop(const run_options &options) : virtual_clock_(options.virtual_clock) {
  if (current_loop)
    throw std::logic_error(
        "cosm::run called while a cosm loop is running on this thread");
  open_poller();
}

loop::~loop() = default; // fds are closed by teardown()

loop *loop::current() noexcept { return current_loop; }

loop &loop::running(const char *who) {
  if (!current_loop)
    throw std::logic_error(std::string(who) +
                           " needs a running loop (call it inside cosm::run)");
  return *current_loop;
}

std::int64_t loop::now() const noexcept {
  if (virtual_clock_)
    return virtual_now_;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void loop::adopt(spawned_root &root) {
  root.add_ref();
  root.owner = this;
  root.list_prev = nullptr;
  root.list_next = spawned_;
  if (spawned_)
    spawned_->list_prev = &root;
  spawned_ = &root;
  root.start(*this);
}

void loop::forget(spawned_root &root) noexcept {
  (root.list_prev ? root.list_prev->list_next : spawned_) = root.list_next;
  if (root.list_next)
    root.list_next->list_prev = root.list_prev;
  root.list_prev = root.list_next = nullptr;
}

void loop::run_main(task_root &main) {
  current_loop = this;
  try {
    main.start(*this);
    while (!main.done())
      step();
    shutdown();
  } catch (...) {
    teardown(main);
    throw;
  }
  teardown(main);
}

// asyncio.run's epilogue: cancel what is left and let it finish, then wait
// for pool work still running (its tasks are gone; results are dropped).
void loop::shutdown() {
  while (spawned_) {
    for (spawned_root *r = spawned_; r; r = r->list_next)
      if (!std::exchange(r->shutdown_cancelled, true))
        r->cancel();
    step();
  }
  while (jobs_in_flight_ > 0)
    step();
}

// Leaves the thread without a loop whatever happened. After an internal
// error, live chains are destroyed where they stand (their leaves unregister
// themselves) before the loop's structures go.
void loop::teardown(task_root &main) noexcept {
  ready_.clear();
  if (!main.done())
    main.destroy_chain();
  while (spawned_)
    spawned_->abandon();
  ready_.clear();
  while (jobs_in_flight_ > 0) {
    try {
      poll_io(-1);
    } catch (...) {
      break;
    }
  }
  close_poller();
  current_loop = nullptr;
}

void loop::step() {
  std::int64_t timeout = -1; // nanoseconds; -1 blocks
  if (!ready_.empty()) {
    timeout = 0;
  } else if (!timers_.empty()) {
    timeout =
        virtual_clock_
            ? 0
            : std::max<std::int64_t>(0, timers_.front()->deadline - now());
  } else if (io_waiters_ == 0 && jobs_in_flight_ == 0) {
    throw std::logic_error(
        "cosm::run: deadlock: the main task waits, but no task is ready and "
        "no timer, socket or thread pool work can wake anything");
  }
  if (io_waiters_ > 0 || jobs_in_flight_ > 0 || timeout != 0)
    poll_io(timeout);
  // Simulated time jumps to the earliest timer only when nothing else can run.
  if (virtual_clock_ && ready_.empty() && !timers_.empty())
    virtual_now_ = std::max(virtual_now_, timers_.front()->deadline);
  fire_due_timers();
  run_ready();
}

void loop::run_ready() {
  for (std::size_t n = ready_.size(); n > 0; --n) {
    ready_entry e = ready_.pop();
    current_root_ = e.root;
    lowered::run_trampoline(e.handle);
  }
  current_root_ = nullptr;
}

} // namespace cosm::detail

cosm::clock::time_point cosm::clock::now() {
  return time_point(duration(detail::loop::running("cosm::now").now()));
}
