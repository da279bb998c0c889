// The native (C++20) promise of cosm::task<T>. It is attached through
// std::coroutine_traits rather than a nested promise_type, so task<T> itself
// is the same class in C++17 and C++20 translation units.
#pragma once

#if defined(__cpp_impl_coroutine)

#include <coroutine>
#include <exception>
#include <utility>

#include "cosm/detail/task_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/task.hpp"

namespace cosm::detail {

template <class T> class task_promise_common : public task_core<T> {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }

  // Marks the task finished and transfers to whoever awaited it.
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      auto &promise = h.promise();
      promise.cosm_finished = true;
      return to_native(std::exchange(promise.cosm_continuation, {}));
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }

  void unhandled_exception() noexcept {
    this->cosm_error = std::current_exception();
  }
};

template <class Promise, class T>
task<T> make_native_task(Promise &promise) noexcept {
  promise.cosm_self =
      as_frame_handle(std::coroutine_handle<Promise>::from_promise(promise));
  return task_access::make<T>(&promise);
}

template <class T> class task_promise final : public task_promise_common<T> {
public:
  task<T> get_return_object() noexcept {
    return make_native_task<task_promise, T>(*this);
  }
  template <class U = T> void return_value(U &&value) {
    this->cosm_set_value(std::forward<U>(value));
  }
  void cosm_destroy() noexcept override {
    std::coroutine_handle<task_promise>::from_promise(*this).destroy();
  }
};

template <> class task_promise<void> final : public task_promise_common<void> {
public:
  task<void> get_return_object() noexcept {
    return make_native_task<task_promise, void>(*this);
  }
  void return_void() noexcept {}
  void cosm_destroy() noexcept override {
    std::coroutine_handle<task_promise>::from_promise(*this).destroy();
  }
};

} // namespace cosm::detail

template <class T, class... Args>
struct std::coroutine_traits<cosm::task<T>, Args...> {
  using promise_type = cosm::detail::task_promise<T>;
};

#endif
