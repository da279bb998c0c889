// What every lowered frame shares (docs/lowered-abi.md, "Shared by every
// frame"): the state word and manual lifetime helpers for hoisted locals.
// Plain C++17; generator and task frames both build on it.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>

namespace cosm::lowered {

struct frame_base {
  int cosm_state = 0;          // 0 not started; k > 0 suspended at point k;
                               // -1 running or finished
  bool cosm_suspended = false; // true from a suspend until the next resume
  virtual ~frame_base() = default;
};

// The type T itself: lets the frame declare `type_t<int (&)[3]> a;` for
// types whose declarator would wrap around the name.
template <class T> using type_t = T;

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

// begin/end of a range-for's range in a template, where the tool cannot know
// which one Sema will pick: the rules of [stmt.ranged] (arrays, then member
// begin/end, then argument-dependent lookup).
namespace range_detail {
using std::begin;
using std::end;
template <class R, class = void> struct has_member : std::false_type {};
template <class R>
struct has_member<R, std::void_t<decltype(std::declval<R &>().begin())>>
    : std::true_type {};
template <class R> auto adl_begin(R &r) -> decltype(begin(r)) {
  return begin(r);
}
template <class R> auto adl_end(R &r) -> decltype(end(r)) { return end(r); }
} // namespace range_detail

template <class R> auto range_begin(R &r) {
  if constexpr (std::is_array_v<R>)
    return r + 0;
  else if constexpr (range_detail::has_member<R>::value)
    return r.begin();
  else
    return range_detail::adl_begin(r);
}
template <class R> auto range_end(R &r) {
  if constexpr (std::is_array_v<R>)
    return r + std::extent_v<R>;
  else if constexpr (range_detail::has_member<R>::value)
    return r.end();
  else
    return range_detail::adl_end(r);
}

// A hoisted `const auto &x = init;` or `auto &&x = init;` in a template,
// where R = decltype((init)) is known only per instantiation: a reference
// initializer is pointed at, a prvalue is held (the temporary the reference
// would have extended). Read as `(*x)`, an lvalue, like the named reference.
template <class R, bool Const> class bound {
  using object = std::remove_reference_t<R>;
  using read = std::conditional_t<Const, const object, object>;
  static constexpr bool holds = !std::is_reference_v<R>;
  std::conditional_t<holds, object, object *> slot_;

public:
  template <class I,
            class = std::enable_if_t<!std::is_same_v<std::decay_t<I>, bound>>>
  explicit bound(I &&init) : slot_(take(std::forward<I>(init))) {}
  bound(const bound &) = delete;
  bound &operator=(const bound &) = delete;
  read &operator*() noexcept {
    if constexpr (holds)
      return slot_;
    else
      return *slot_;
  }

private:
  template <class I> static decltype(auto) take(I &&init) {
    if constexpr (holds)
      return static_cast<object &&>(init);
    else
      return std::addressof(init);
  }
};

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
