// cosm::task<T>: a lazy, move-only asynchronous computation (a Python
// coroutine object). Its class definition is the same in C++17 and C++20: it
// only points at a mode-independent core, implemented natively by the promise
// (detail/task_promise.hpp, via std::coroutine_traits) and in lowered code by
// cosm::lowered::task_frame<T> (lowered/task_frame.hpp).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "cosm/detail/task_core.hpp"
#include "cosm/detail/task_handle.hpp"

namespace cosm {

template <class T = void> class task;

namespace detail {

template <class T> class task_awaiter;

// The runtime's access to a task's core (the promise, make_task and the
// runtime's own frames build tasks; spawn, gather and run take them apart).
struct task_access {
  template <class T> static task<T> make(task_core<T> *core) noexcept {
    return task<T>(core);
  }
  template <class T> static task_core<T> *release(task<T> &t) noexcept {
    return std::exchange(t.core_, nullptr);
  }
  template <class T>
  static task_core<T> *release_or_throw(task<T> &t, const char *who) {
    if (!t.core_)
      throw std::logic_error(std::string(who) +
                             ": the task is empty (moved from, or already "
                             "awaited)");
    return std::exchange(t.core_, nullptr);
  }
};

// Awaiting a task starts it and transfers to it; it owns the task from then
// on (lowered code keeps only the awaiter across the suspend point).
template <class T> class task_awaiter {
public:
  explicit task_awaiter(task_core<T> *core) noexcept : core_(core) {}
  task_awaiter(task_awaiter &&other) noexcept
      : core_(std::exchange(other.core_, nullptr)) {}
  task_awaiter &operator=(task_awaiter &&) = delete;
  ~task_awaiter() {
    if (core_)
      core_->cosm_destroy();
  }

  bool await_ready() const noexcept { return false; }
  template <class H> transfer_t<H> await_suspend(H awaiting) {
    core_->cosm_continuation = as_frame_handle(awaiting);
    return transfer<H>::to(core_->cosm_self);
  }
  T await_resume() { return core_->cosm_take_result(); }

private:
  task_core<T> *core_;
};

} // namespace detail

template <class T> class [[nodiscard]] task {
public:
  using value_type = T;

  task() noexcept = default;
  task(task &&other) noexcept : core_(std::exchange(other.core_, nullptr)) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::exchange(other.core_, nullptr);
    }
    return *this;
  }
  ~task() { reset(); }

  // False once moved from or awaited.
  bool valid() const noexcept { return core_ != nullptr; }

  // What `co_await` uses (natively through operator co_await, in lowered code
  // through cosm::lowered::get_awaiter). A task runs once: the awaiter takes
  // it over, and awaiting it again throws std::logic_error.
  detail::task_awaiter<T> cosm_awaiter() & { return take(); }
  detail::task_awaiter<T> cosm_awaiter() && { return take(); }

private:
  friend struct detail::task_access;
  explicit task(detail::task_core<T> *core) noexcept : core_(core) {}

  detail::task_awaiter<T> take() {
    return detail::task_awaiter<T>(
        detail::task_access::release_or_throw(*this, "co_await cosm::task"));
  }
  void reset() noexcept {
    if (core_)
      std::exchange(core_, nullptr)->cosm_destroy();
  }

  detail::task_core<T> *core_ = nullptr;
};

#if defined(__cpp_impl_coroutine)
// Free functions, so that task<T>'s class definition is mode independent.
template <class T> detail::task_awaiter<T> operator co_await(task<T> &t) {
  return t.cosm_awaiter();
}
template <class T> detail::task_awaiter<T> operator co_await(task<T> &&t) {
  return std::move(t).cosm_awaiter();
}
#endif

} // namespace cosm

#include "cosm/detail/task_promise.hpp"
#include "cosm/lowered/task_frame.hpp"
