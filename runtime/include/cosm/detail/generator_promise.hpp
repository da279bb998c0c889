// Native mode: the C++20 promise of cosm::generator. It comes from a
// std::coroutine_traits specialization instead of a nested promise_type, so
// that cosm::generator has one definition in C++17 and C++20 code.
#pragma once

// Included at the end of cosm/generator.hpp; including it first works too.
#include <cosm/detail/generator_core.hpp>
#include <cosm/generator.hpp>

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace cosm::detail {

// What the promise adds to the core for `co_return`, which cannot offer both
// return_value and return_void.
template <class Y, class S, class R>
class generator_promise_return : public generator_core<Y, S, R> {
public:
  template <class U = R,
            std::enable_if_t<std::is_convertible_v<U &&, R>, int> = 0>
  void return_value(U &&value) {
    this->set_result(std::forward<U>(value));
  }
};

template <class Y, class S>
class generator_promise_return<Y, S, void> : public generator_core<Y, S, void> {
public:
  void return_void() noexcept {}
};

template <class Y, class S, class R>
class generator_promise final : public generator_promise_return<Y, S, R> {
  using core_base = generator_core_base<Y, S>;
  using handle = std::coroutine_handle<generator_promise>;

  // The co_yield expression: suspends; its value is the sent value.
  struct yield_awaiter {
    core_base &core;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    typename core_base::resume_result await_resume() const {
      core.raise_pending();
      return core.take_sent();
    }
  };

  // `co_yield cosm::from(sub)`: owns the delegate until the co_yield ends.
  template <class G> struct from_awaiter {
    core_base &core;
    from_t<G> sub;
    bool await_ready() {
      return !core.start_delegate(generator_access::delegate(sub));
    }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    auto await_resume() {
      core.raise_pending();
      return sub.result();
    }
  };

public:
  generator<Y, S, R> get_return_object() noexcept {
    return generator_access::adopt<Y, S, R>(this);
  }
  std::suspend_always initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  // Kept until resume_body returns: the caller sees it, the frame is done.
  void unhandled_exception() noexcept { error_ = std::current_exception(); }

  template <
      class U = typename core_base::value_type,
      std::enable_if_t<
          std::is_convertible_v<U &&, typename core_base::value_type>, int> = 0>
  yield_awaiter yield_value(U &&value) {
    this->yield(std::forward<U>(value));
    return yield_awaiter{*this};
  }

  template <class G> from_awaiter<G> yield_value(from_t<G> &&sub) {
    static_assert(std::is_same_v<typename G::yield_type, Y> &&
                      std::is_same_v<typename G::send_type, S>,
                  "co_yield cosm::from(sub): sub must have the same Y and S");
    return from_awaiter<G>{*this, std::move(sub)};
  }

  // A generator suspends only at co_yield.
  template <class T> void await_transform(T &&) = delete;

private:
  bool resume_body() override {
    handle h = handle::from_promise(*this);
    h.resume();
    if (error_)
      std::rethrow_exception(std::exchange(error_, nullptr));
    return !h.done();
  }
  void destroy_frame() noexcept override {
    handle::from_promise(*this).destroy();
  }

  std::exception_ptr error_;
};

} // namespace cosm::detail

namespace std {
template <class Y, class S, class R, class... Args>
struct coroutine_traits<cosm::generator<Y, S, R>, Args...> {
  using promise_type = cosm::detail::generator_promise<Y, S, R>;
};
} // namespace std
