// cosm::wait_for: asyncio.wait_for. The task runs as its own child task; if
// it is not done `timeout` after the await started, it is cancelled, and once
// it has finished (its cleanup ran) the await raises cosm::timeout_error.
#pragma once

#include <chrono>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "cosm/clock.hpp"
#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"
#include "cosm/errors.hpp"
#include "cosm/lowered/task_frame.hpp"
#include "cosm/task.hpp"

namespace cosm::detail {

template <class T>
class wait_for_frame final : public lowered::task_frame<T>,
                             public task_leaf,
                             public child_owner {
public:
  wait_for_frame(task<T> t, std::int64_t timeout_ns)
      : child_(task_access::release_or_throw(t, "cosm::wait_for"), this),
        timeout_(timeout_ns) {}
  ~wait_for_frame() override {
    if (timer_.armed())
      loop_->disarm(timer_);
  }

  lowered::frame_handle resume() override {
    if (this->cosm_state == 0) {
      this->cosm_state = 1;
      if (leaf_begin(this->cosm_self, "cosm::wait_for")) {
        child_.start(*loop_);
        const std::int64_t now = loop_->now();
        timer_.fire = &on_timer;
        timer_.context = this;
        loop_->arm(timer_,
                   timeout_ > INT64_MAX - now ? INT64_MAX : now + timeout_);
        return {};
      }
    }
    leaf_end();
    if (timed_out_)
      throw timeout_error();
    if constexpr (std::is_void_v<T>) {
      child_.take_outcome<void>();
    } else {
      this->cosm_return(child_.take_outcome<T>());
    }
    return this->cosm_final();
  }

  void cancel() noexcept override {
    cancelled_ = true;
    if (timer_.armed())
      loop_->disarm(timer_);
    child_.cancel(); // resumes once the child has finished
  }

private:
  void child_done(child_root &) noexcept override {
    if (timer_.armed())
      loop_->disarm(timer_);
    leaf_wake();
  }
  static void on_timer(void *self) noexcept {
    auto *frame = static_cast<wait_for_frame *>(self);
    frame->timed_out_ = true;
    frame->child_.cancel();
  }

  child_root child_;
  std::int64_t timeout_;
  timer_node timer_;
  bool timed_out_ = false;
};

} // namespace cosm::detail

namespace cosm {

template <class T, class Rep, class Period>
task<T> wait_for(task<T> t, std::chrono::duration<Rep, Period> timeout) {
  return lowered::make_task<detail::wait_for_frame<T>>(
      std::move(t), detail::to_loop_ns(timeout));
}

} // namespace cosm
