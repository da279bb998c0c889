// The mode-independent "thing to resume" (cosm::lowered::frame_handle) and the
// bridge between it and native coroutine handles. The loop, compiled as C++17,
// only ever sees frame_handles, so native coroutines, lowered frames and the
// runtime's own hand-written frames share one ready queue.
#pragma once

#include <utility>
#if defined(__cpp_impl_coroutine)
#include <coroutine>
#endif

namespace cosm::lowered {

// An address plus the function that resumes it. Resuming returns the next
// frame to run (symmetric transfer through a trampoline) or a null handle, so
// an await chain of any depth runs in constant stack.
class frame_handle {
public:
  using resume_fn = frame_handle (*)(void *);

  constexpr frame_handle() noexcept = default;
  constexpr frame_handle(void *address, resume_fn fn) noexcept
      : address_(address), fn_(fn) {}

  explicit operator bool() const noexcept { return address_ != nullptr; }
  frame_handle resume() const { return fn_(address_); }
  void *address() const noexcept { return address_; }
  resume_fn function() const noexcept { return fn_; }

  friend bool operator==(const frame_handle &a,
                         const frame_handle &b) noexcept {
    return a.address_ == b.address_ && a.fn_ == b.fn_;
  }
  friend bool operator!=(const frame_handle &a,
                         const frame_handle &b) noexcept {
    return !(a == b);
  }

private:
  void *address_ = nullptr;
  resume_fn fn_ = nullptr;
};

// Runs `h` and everything it transfers to, without growing the stack.
inline void run_trampoline(frame_handle h) {
  while (h)
    h = h.resume();
}

} // namespace cosm::lowered

namespace cosm::detail {

// Maps the handle type an awaiter's await_suspend receives to what it returns
// for symmetric transfer: a frame_handle in lowered mode, a coroutine_handle<>
// natively. Awaiters write `template <class H> transfer_t<H> await_suspend(H)`
// so that their class definition is the same in C++17 and C++20.
template <class H> struct transfer;

template <> struct transfer<lowered::frame_handle> {
  using type = lowered::frame_handle;
  static type to(lowered::frame_handle next) noexcept { return next; }
};

template <class H> using transfer_t = typename transfer<H>::type;

inline lowered::frame_handle as_frame_handle(lowered::frame_handle h) noexcept {
  return h;
}

#if defined(__cpp_impl_coroutine)

// Native coroutines transfer through the trampoline too: rather than return
// the next coroutine from await_suspend (a tail call only when the compiler
// makes it one: not GCC at -O0, not under sanitizers), a coroutine parks the
// next frame here and returns noop_coroutine(); the native_resume that
// resumed it hands the parked frame to the trampoline. So an await chain of
// any depth runs in constant stack, native or lowered or mixed.
struct native_transfer_state {
  lowered::frame_handle pending;
  unsigned depth = 0; // native_resume calls on the stack
};
inline thread_local native_transfer_state native_transfer;

inline lowered::frame_handle native_resume(void *address) {
  struct depth_guard {
    native_transfer_state &state;
    ~depth_guard() { --state.depth; }
  } guard{native_transfer};
  ++guard.state.depth;
  std::coroutine_handle<>::from_address(address).resume();
  return std::exchange(guard.state.pending, {});
}

template <class P>
lowered::frame_handle as_frame_handle(std::coroutine_handle<P> h) noexcept {
  return {h.address(), &native_resume};
}

inline std::coroutine_handle<> to_native(lowered::frame_handle next) noexcept {
  if (!next)
    return std::noop_coroutine();
  if (native_transfer.depth > 0) {
    native_transfer.pending = next;
    return std::noop_coroutine();
  }
  // Resumed from outside the runtime (no native_resume below us).
  if (next.function() == &native_resume)
    return std::coroutine_handle<>::from_address(next.address());
  lowered::run_trampoline(next);
  return std::noop_coroutine();
}

template <class P> struct transfer<std::coroutine_handle<P>> {
  using type = std::coroutine_handle<>;
  static type to(lowered::frame_handle next) noexcept {
    return to_native(next);
  }
};

#endif

} // namespace cosm::detail
