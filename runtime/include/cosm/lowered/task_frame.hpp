// The base of every lowered task frame (docs/lowered-abi.md, "Tasks"), also
// used by the runtime's own hand-written frames (gather, wait_for, to_thread).
// Plain C++17.
#pragma once

#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "cosm/detail/task_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/lowered/frame.hpp"
#include "cosm/task.hpp"

namespace cosm::lowered {

namespace detail_awaiter {
template <class X, class = void> struct has_cosm_awaiter : std::false_type {};
template <class X>
struct has_cosm_awaiter<X,
                        std::void_t<decltype(std::declval<X>().cosm_awaiter())>>
    : std::true_type {};
} // namespace detail_awaiter

// The awaiter a native `co_await x` would use: x.cosm_awaiter() for cosm
// awaitables (whose operator co_await calls it), otherwise x itself.
template <class X> decltype(auto) get_awaiter(X &&x) {
  if constexpr (detail_awaiter::has_cosm_awaiter<X &&>::value)
    return std::forward<X>(x).cosm_awaiter();
  else
    return std::forward<X>(x);
}

template <class T>
class task_frame : public frame_base, public cosm::detail::task_core<T> {
public:
  using value_type = T;

  // The body: runs to the next suspend point and returns the frame to run
  // next (the awaited task, the awaiting one at the end) or null.
  virtual frame_handle resume() = 0;

protected:
  task_frame() noexcept { this->cosm_self = frame_handle(this, &cosm_run); }

  // After `cosm_state = K;`: calls a.await_suspend(this frame), whatever it
  // returns (void, bool, or a frame_handle to transfer to). True when the
  // frame is now suspended: the body then returns cosm_transfer().
  template <class A> bool cosm_await_suspend(A &a) {
    using result = decltype(a.await_suspend(this->cosm_self));
    cosm_suspended = true;
    try {
      if constexpr (std::is_void_v<result>) {
        a.await_suspend(this->cosm_self);
      } else if constexpr (std::is_same_v<result, bool>) {
        if (!a.await_suspend(this->cosm_self)) {
          cosm_suspended = false;
          return false;
        }
      } else {
        static_assert(std::is_same_v<result, frame_handle>,
                      "await_suspend(cosm::lowered::frame_handle) must return "
                      "void, bool or cosm::lowered::frame_handle");
        cosm_next_ = a.await_suspend(this->cosm_self);
      }
    } catch (...) {
      cosm_suspended = false;
      cosm_state = -1;
      throw;
    }
    return true;
  }

  // The frame to run after suspending (null: back to the loop).
  frame_handle cosm_transfer() noexcept {
    return std::exchange(cosm_next_, {});
  }

  // First thing after every resume label.
  void cosm_resumed() noexcept {
    cosm_state = -1;
    cosm_suspended = false;
  }

  // `co_return EXPR;` (then `return cosm_final();`). Braced lists work too.
  template <class U = T> void cosm_return(U &&value) {
    this->cosm_set_value(std::forward<U>(value));
  }
  // `co_return;` in a task<void> may also be emitted as cosm_return().
  template <class V = T> void cosm_return() noexcept {
    static_assert(std::is_void_v<V>,
                  "co_return without a value in a task<T> with non-void T");
  }

  // End of the body: the frame is finished; transfer to the awaiting frame.
  frame_handle cosm_final() noexcept {
    cosm_state = -1;
    cosm_suspended = false;
    this->cosm_finished = true;
    return std::exchange(this->cosm_continuation, {});
  }

private:
  void cosm_destroy() noexcept final { delete this; }

  static frame_handle cosm_run(void *address) {
    auto *frame = static_cast<task_frame *>(address);
    if (frame->cosm_running || frame->cosm_finished)
      throw std::logic_error("cosm::task resumed while it is running or after "
                             "it finished");
    frame->cosm_running = true;
    try {
      frame_handle next = frame->resume();
      frame->cosm_running = false;
      return next;
    } catch (...) {
      frame->cosm_running = false;
      frame->cosm_error = std::current_exception();
      return frame->cosm_final();
    }
  }

  frame_handle cosm_next_;
};

// Heap-allocates a frame and hands it out as the task it implements.
template <class F, class... Args>
task<typename F::value_type> make_task(Args &&...args) {
  using value = typename F::value_type;
  static_assert(std::is_base_of_v<task_frame<value>, F>,
                "make_task<F>: F must derive from "
                "cosm::lowered::task_frame<F::value_type>");
  return cosm::detail::task_access::make<value>(
      new F(std::forward<Args>(args)...));
}

} // namespace cosm::lowered
