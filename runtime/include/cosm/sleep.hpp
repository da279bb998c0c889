// cosm::sleep: asyncio.sleep. sleep(0) (or any non-positive duration) only
// yields: the task goes to the back of the ready queue.
#pragma once

#include <chrono>
#include <cstdint>

#include "cosm/clock.hpp"
#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"

namespace cosm::detail {

class sleep_awaiter final : public task_leaf {
public:
  explicit sleep_awaiter(std::int64_t delay_ns) noexcept : delay_(delay_ns) {}
  sleep_awaiter(const sleep_awaiter &other) noexcept
      : task_leaf(other), delay_(other.delay_) {}
  ~sleep_awaiter() {
    if (timer_.armed())
      loop_->disarm(timer_);
  }

  bool await_ready() const noexcept { return false; }
  template <class H> bool await_suspend(H awaiting) {
    return suspend(as_frame_handle(awaiting));
  }
  void await_resume() { leaf_end(); }

  void cancel() noexcept override {
    loop_->disarm(timer_);
    leaf_cancelled();
  }

private:
  bool suspend(lowered::frame_handle awaiting) {
    if (!leaf_begin(awaiting, "cosm::sleep"))
      return false;
    if (delay_ <= 0) {
      leaf_wake(); // a bare yield: nothing to cancel while queued
      return true;
    }
    const std::int64_t now = loop_->now();
    timer_.fire = &on_timer;
    timer_.context = this;
    loop_->arm(timer_, delay_ > INT64_MAX - now ? INT64_MAX : now + delay_);
    return true;
  }
  static void on_timer(void *self) noexcept {
    static_cast<sleep_awaiter *>(self)->leaf_wake();
  }

  std::int64_t delay_;
  timer_node timer_;
};

} // namespace cosm::detail

namespace cosm {

// Any std::chrono duration; awaiting it suspends the task for that long.
template <class Rep, class Period>
detail::sleep_awaiter sleep(std::chrono::duration<Rep, Period> delay) noexcept {
  return detail::sleep_awaiter(detail::to_loop_ns(delay));
}

} // namespace cosm
