// cosm::to_thread: asyncio.to_thread. f runs on a small shared thread pool;
// its result or exception comes back on the loop thread (the pool wakes the
// loop through an eventfd). Cancelling the awaiting task raises
// cosm::cancelled_error at once; the call itself cannot be interrupted, runs
// to its end and its result is dropped. cosm::run waits for pool work still
// running before it returns.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"
#include "cosm/lowered/task_frame.hpp"
#include "cosm/task.hpp"

namespace cosm::detail {

template <class R, class F> class to_thread_frame;

template <class R, class F> class to_thread_job final : public loop_job {
public:
  explicit to_thread_job(F &&f) : fn_(std::move(f)) {}

  void execute() noexcept override {
    try {
      if constexpr (std::is_void_v<R>)
        std::invoke(std::move(fn_));
      else
        value_.emplace(std::invoke(std::move(fn_)));
    } catch (...) {
      error_ = std::current_exception();
    }
  }
  void complete() noexcept override {
    if (waiter_)
      waiter_->job_done();
    else
      delete this; // abandoned by a cancelled (or destroyed) task
  }

private:
  friend class to_thread_frame<R, F>;
  F fn_;
  std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> value_{};
  std::exception_ptr error_;
  to_thread_frame<R, F> *waiter_ = nullptr;
};

template <class R, class F>
class to_thread_frame final : public lowered::task_frame<R>, public task_leaf {
public:
  explicit to_thread_frame(F f)
      : job_(std::make_unique<to_thread_job<R, F>>(std::move(f))) {}
  ~to_thread_frame() override {
    if (submitted_ && job_)
      job_.release()->waiter_ = nullptr; // the loop deletes it when done
  }

  lowered::frame_handle resume() override {
    if (this->cosm_state == 0) {
      this->cosm_state = 1;
      if (leaf_begin(this->cosm_self, "cosm::to_thread")) {
        job_->waiter_ = this;
        try {
          loop_->submit(*job_);
        } catch (...) {
          job_->waiter_ = nullptr;
          leaf_detach();
          throw;
        }
        submitted_ = true;
        return {};
      }
    }
    leaf_end();
    std::unique_ptr<to_thread_job<R, F>> job = std::move(job_);
    if (job->error_)
      std::rethrow_exception(job->error_);
    if constexpr (!std::is_void_v<R>)
      this->cosm_return(std::move(*job->value_));
    return this->cosm_final();
  }

  void cancel() noexcept override {
    job_.release()->waiter_ = nullptr;
    leaf_cancelled();
  }

private:
  friend class to_thread_job<R, F>;
  void job_done() noexcept { leaf_wake(); }

  std::unique_ptr<to_thread_job<R, F>> job_;
  bool submitted_ = false;
};

} // namespace cosm::detail

namespace cosm {

// Calls std::move(f)() on a pool thread; the task gives its result.
template <class F> auto to_thread(F f) -> task<std::invoke_result_t<F>> {
  using result = std::invoke_result_t<F>;
  static_assert(!std::is_reference_v<result>,
                "cosm::to_thread: the function must return by value");
  return lowered::make_task<detail::to_thread_frame<result, F>>(std::move(f));
}

} // namespace cosm
