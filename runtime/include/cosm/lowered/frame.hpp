// What every lowered frame shares (docs/lowered-abi.md, "Shared by every
// frame"): the state word and manual lifetime helpers for hoisted locals.
// Plain C++17; generator and task frames both build on it.
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>

namespace cosm::lowered {

struct frame_base {
  int cosm_state = 0;          // 0 not started; k > 0 suspended at point k;
                               // -1 running or finished
  bool cosm_suspended = false; // true from a suspend until the next resume
  virtual ~frame_base() = default;
};

// Destroys a hoisted local, arrays included (elements in reverse order, as a
// real array's destructor does).
template <class T> void destroy(T &var) noexcept {
  if constexpr (std::is_array_v<T>) {
    for (std::size_t i = std::extent_v<T>; i > 0; --i)
      lowered::destroy(var[i - 1]);
  } else {
    var.~T();
  }
}

// Address of a hoisted local's slot, for placement new (const slots too).
template <class T> void *storage(T &var) noexcept {
  return const_cast<void *>(
      static_cast<const volatile void *>(std::addressof(var)));
}

// Address of what a hoisted rvalue reference binds to: its initializer is an
// xvalue (`std::move(x)`, `get<0>(std::move(t))`), which std::addressof does
// not take.
template <class T> std::remove_reference_t<T> *referent(T &&ref) noexcept {
  return std::addressof(ref);
}

// Destroys `var` when the scope that owns it is left by anything but a
// suspend: a suspend sets frame.cosm_suspended before the `return` that
// unwinds the scope, and the frame's destructor then owns the local.
template <class T> class local_guard {
public:
  local_guard(T &var, const frame_base &frame) noexcept
      : var_(var), frame_(frame) {}
  local_guard(const local_guard &) = delete;
  local_guard &operator=(const local_guard &) = delete;
  ~local_guard() {
    if (!frame_.cosm_suspended)
      lowered::destroy(var_);
  }

private:
  T &var_;
  const frame_base &frame_;
};

} // namespace cosm::lowered
