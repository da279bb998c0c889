// cosm::generator<Y, S, R>: Python generators (PEP 255/342/380) in C++.
// One class for both modes: native C++20 coroutines get their promise from
// std::coroutine_traits (detail/generator_promise.hpp), lowered C++17 frames
// derive from cosm::lowered::generator_frame (detail/generator_frame.hpp).
// The class itself does not depend on the mode, so C++17 and C++20
// translation units can pass generators to each other.
#pragma once

#include <cosm/detail/generator_core.hpp>
#include <cosm/errors.hpp>

#include <cstddef>
#include <exception>
#include <iterator>
#include <optional>
#include <type_traits>
#include <utility>

namespace cosm {

template <class Y, class S = void, class R = void> class generator;
template <class G> class from_t;

namespace detail {
// Input iterator over a generator's values. Source says how to reach the core
// and how to step it (cosm::generator: virtually; a frame held by value:
// directly); a default-constructed Source is the end.
template <class Source> class generator_iterator {
  using core_type =
      std::remove_reference_t<decltype(std::declval<const Source &>().core())>;

public:
  using iterator_category = std::input_iterator_tag;
  using value_type = typename core_type::value_type;
  using difference_type = std::ptrdiff_t;
  using pointer = value_type *;
  using reference = value_type &;

  generator_iterator() noexcept = default;
  explicit generator_iterator(Source source) noexcept : source_(source) {}
  reference operator*() const noexcept { return source_.core().current(); }
  pointer operator->() const noexcept { return &source_.core().current(); }
  COSM_ALWAYS_INLINE generator_iterator &operator++() {
    if (!source_.advance())
      source_ = Source{};
    return *this;
  }
  void operator++(int) { ++*this; }
  friend bool operator==(const generator_iterator &a,
                         const generator_iterator &b) noexcept {
    return a.source_ == b.source_;
  }
  friend bool operator!=(const generator_iterator &a,
                         const generator_iterator &b) noexcept {
    return !(a.source_ == b.source_);
  }

private:
  Source source_{};
};

// The one door to a generator's core, for the promise, make_generator and
// from_t; keeps those internals out of the public interface.
struct generator_access {
  template <class Y, class S, class R>
  static generator<Y, S, R> adopt(generator_core<Y, S, R> *core) noexcept {
    return generator<Y, S, R>(core);
  }
  template <class Y, class S, class R>
  static generator_core<Y, S, R> *core(const generator<Y, S, R> &gen) noexcept {
    return gen.core_;
  }
  // Lets go of a core the generator does not own (a frame held by value).
  template <class Y, class S, class R>
  static void release(generator<Y, S, R> &gen) noexcept {
    gen.core_ = nullptr;
  }
  // The delegate's core for `co_yield cosm::from(...)`; throws when empty.
  template <class Y, class S, class R>
  static generator_core_base<Y, S> &delegate(from_t<generator<Y, S, R>> &from) {
    generator_core<Y, S, R> *sub = core(from.sub_);
    if (!sub)
      throw generator_error("cosm::from: empty generator");
    return *sub;
  }
};
} // namespace detail

template <class Y, class S, class R> class generator {
  static_assert(!std::is_reference_v<Y> && !std::is_reference_v<S> &&
                    !std::is_reference_v<R>,
                "generator<Y, S, R>: Y, S and R must be object types or void");
  using core_type = detail::generator_core<Y, S, R>;

public:
  using yield_type = Y;
  using send_type = S;
  using return_type = R;
  // std::optional<Y>, or bool when Y is void.
  using next_result = typename core_type::next_result;

private:
  // What the iterator steps: the core, through its virtual resume.
  struct core_source {
    core_type *core_ptr = nullptr;
    core_type &core() const noexcept { return *core_ptr; }
    bool advance() const { return core_ptr->advance(); }
    bool operator==(const core_source &o) const noexcept {
      return core_ptr == o.core_ptr;
    }
  };

public:
  // Input iterator over the yielded values; the end iterator has no core.
  using iterator = detail::generator_iterator<core_source>;

  // An empty generator behaves as a finished one without a result.
  generator() noexcept = default;
  generator(generator &&other) noexcept
      : core_(std::exchange(other.core_, nullptr)) {}
  generator &operator=(generator &&other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::exchange(other.core_, nullptr);
    }
    return *this;
  }
  generator(const generator &) = delete;
  generator &operator=(const generator &) = delete;
  // Destroys a suspended frame: live locals in reverse order, no handler runs.
  ~generator() { reset(); }

  // Runs to the next co_yield; nullopt (false for void Y) once finished.
  next_result next() { return core_ ? core_->next() : next_result{}; }

  // Resumes with `value` as the co_yield expression's value. Throws
  // generator_error (and changes nothing) if the generator has not started.
  template <class U = S,
            std::enable_if_t<
                !std::is_void_v<S> && std::is_convertible_v<U &&, S>, int> = 0>
  next_result send(U &&value) {
    if (!core_)
      return next_result{};
    return core_->send(S(std::forward<U>(value)));
  }

  // Raises `error` at the suspended co_yield (at the top if not started,
  // leaving the generator done; rethrown at once if finished).
  template <class E> next_result throw_(E error) {
    return throw_(std::make_exception_ptr(std::move(error)));
  }
  next_result throw_(std::exception_ptr error) {
    if (!core_) {
      if (!error)
        throw generator_error("throw_ needs an exception");
      std::rethrow_exception(error);
    }
    return core_->throw_(std::move(error));
  }

  // Raises generator_exit at the suspended co_yield; see PRODUCT.md.
  void close() {
    if (core_)
      core_->close();
  }

  bool done() const noexcept { return !core_ || core_->done(); }

  // The co_return value once done; generator_error before that, or when the
  // body finished by an exception or close().
  std::add_lvalue_reference_t<R> result() & { return checked().result(); }
  std::conditional_t<std::is_void_v<R>, void,
                     const typename core_type::result_type &>
  result() const & {
    return checked().result();
  }
  std::conditional_t<std::is_void_v<R>, void, R> result() && {
    if constexpr (std::is_void_v<R>)
      checked().result();
    else
      return std::move(checked().result());
  }

  // Range-for: begin() runs to the next co_yield (the first one for a fresh
  // generator; a started one continues, it does not repeat its last value).
  iterator begin() {
    return core_ && core_->advance() ? iterator(core_source{core_})
                                     : iterator();
  }
  iterator end() noexcept { return iterator(); }

private:
  friend struct detail::generator_access;
  explicit generator(core_type *core) noexcept : core_(core) {}

  core_type &checked() const {
    if (!core_)
      throw generator_error("empty generator");
    return *core_;
  }
  void reset() noexcept {
    if (core_)
      std::exchange(core_, nullptr)->destroy_frame();
  }

  core_type *core_ = nullptr;
};

// The operand of `co_yield cosm::from(sub)`: owns the delegate for as long as
// the co_yield lasts; result() is the expression's value (sub's R).
template <class G> class from_t {
  static_assert(sizeof(G) == 0, "cosm::from_t needs a cosm::generator");
};

template <class Y, class S, class R> class from_t<generator<Y, S, R>> {
public:
  explicit from_t(generator<Y, S, R> &&sub) noexcept : sub_(std::move(sub)) {}

  // Moves the delegate's return value out (call once, after it finished).
  R result() { return std::move(sub_).result(); }

private:
  friend struct detail::generator_access;
  generator<Y, S, R> sub_;
};

// `yield from sub`: sub is a prvalue or std::move(named).
template <class Y, class S, class R>
from_t<generator<Y, S, R>> from(generator<Y, S, R> &&sub) noexcept {
  return from_t<generator<Y, S, R>>(std::move(sub));
}

} // namespace cosm

#include <cosm/detail/generator_frame.hpp>

#if defined(__cpp_impl_coroutine) && __cplusplus >= 202002L
#include <cosm/detail/generator_promise.hpp>
#endif
