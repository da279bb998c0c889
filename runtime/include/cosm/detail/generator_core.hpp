// The generator protocol (next/send/throw_/close, yield from), written once.
// The native promise and the lowered frame both derive from generator_core and
// only supply "resume the body" and "destroy the frame". This header must be
// identical in C++17 and C++20 translation units: no coroutine types here.
#pragma once

#include <cosm/errors.hpp>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

// The range-for fast path is only fast when the protocol step around the
// body is inlined; clang's inliner declines it on cost alone.
#if defined(__GNUC__)
#define COSM_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define COSM_ALWAYS_INLINE inline
#endif

namespace cosm::detail {

// What `co_yield {}` builds when Y is void, and the slot type for a void S.
struct empty_yield {};

template <class Y, class S> class generator_core_base {
public:
  // Y and S with void replaced by empty_yield, so slots are uniform.
  using value_type = std::conditional_t<std::is_void_v<Y>, empty_yield, Y>;
  using sent_type = std::conditional_t<std::is_void_v<S>, empty_yield, S>;
  // next()'s result; the co_yield expression's value.
  using next_result =
      std::conditional_t<std::is_void_v<Y>, bool, std::optional<Y>>;
  using resume_result =
      std::conditional_t<std::is_void_v<S>, void, std::optional<S>>;

  generator_core_base(const generator_core_base &) = delete;
  generator_core_base &operator=(const generator_core_base &) = delete;

  // Frees the frame, this object included.
  virtual void destroy_frame() noexcept = 0;

  // ---- caller side ----

  next_result next() {
    if (!step(action::next, nullptr, nullptr))
      return next_result{};
    return take_current();
  }

  next_result send(sent_type value) {
    check_not_running();
    // Python: "can't send non-None value to a just-started generator"; the
    // generator stays unstarted, so next() can still prime it.
    if (!started_ && !done_)
      throw generator_error("can't send a value to a just-started generator");
    if (!step(action::send, &value, nullptr))
      return next_result{};
    return take_current();
  }

  next_result throw_(std::exception_ptr error) {
    if (!error)
      throw generator_error("throw_ needs an exception");
    if (!step(action::raise, nullptr, error))
      return next_result{};
    return take_current();
  }

  void close() {
    check_not_running();
    if (done_)
      return;
    if (!started_) {
      finish(false);
      return;
    }
    std::exception_ptr raised;
    if (delegate_) {
      // PEP 380: close the delegate first; its failure replaces
      // generator_exit as what the outer sees.
      running_ = true;
      try {
        delegate_->close();
      } catch (...) {
        raised = std::current_exception();
      }
      running_ = false;
      delegate_ = nullptr;
    }
    if (!raised)
      raised = std::make_exception_ptr(generator_exit{});
    pending_ = raised;
    bool yielded = false;
    try {
      yielded = run();
    } catch (const generator_exit &) {
      return;
    }
    // As in Python, the generator stays suspended at that new co_yield.
    if (yielded)
      throw generator_error("generator ignored generator_exit");
  }

  // One step for range-for: true when a value is ready in current().
  bool advance() { return step(action::next, nullptr, nullptr); }

  // advance() for an owner that knows the frame's type: Body resumes it
  // directly (no virtual call, so the compiler may inline the body). Only a
  // delegation in progress takes the general path.
  template <class Body>
  COSM_ALWAYS_INLINE bool advance_with(Body &&body) {
    check_not_running();
    if (done_)
      return false;
    if (delegate_)
      return forward(action::next, nullptr, nullptr);
    sent_.reset();
    return run_with(body);
  }

  bool done() const noexcept { return done_; }

  // The value of the last co_yield, looking through active delegates.
  value_type &current() noexcept {
    generator_core_base *core = this;
    while (core->delegate_)
      core = core->delegate_;
    return *core->current_;
  }

  // ---- body side ----

  // co_yield: store the value; the caller suspends the body right after.
  template <class U> void yield(U &&value) {
    current_.emplace(std::forward<U>(value));
  }

  // Start of `co_yield cosm::from(sub)`: primes `sub` and returns true when it
  // yielded (the body then suspends with `sub` as delegate), false when it
  // returned at once. An exception from `sub` propagates into the body here.
  bool start_delegate(generator_core_base &sub) {
    if (sub.step(action::next, nullptr, nullptr)) {
      delegate_ = &sub;
      return true;
    }
    return false;
  }

  // First thing at every resume point: raise what throw_/close/a delegate
  // left for the body.
  void raise_pending() {
    if (pending_)
      std::rethrow_exception(std::exchange(pending_, nullptr));
  }

  // The value of the co_yield expression just resumed (nullopt for next()).
  // Moves it out: call once per resume.
  resume_result take_sent() {
    if constexpr (!std::is_void_v<S>) {
      std::optional<S> sent = std::move(sent_);
      sent_.reset();
      return sent;
    }
  }

protected:
  generator_core_base() = default;
  ~generator_core_base() = default;

  // Runs the body to its next suspend point; true when it suspended, false
  // when it returned. An exception escaping the body propagates.
  virtual bool resume_body() = 0;

  // True once the body returned normally (not by an exception or close()).
  bool returned() const noexcept { return returned_; }

private:
  enum class action { next, send, raise };

  void check_not_running() const {
    if (running_)
      throw generator_error("generator already executing");
  }

  // One protocol step shared by next/send/throw_; true when a value was
  // yielded.
  bool step(action act, sent_type *value, std::exception_ptr error) {
    check_not_running();
    if (done_) {
      if (act == action::raise)
        std::rethrow_exception(error);
      return false;
    }
    if (!started_ && act == action::raise) {
      // Raised at the top: the body never runs.
      finish(false);
      std::rethrow_exception(error);
    }
    if (delegate_)
      return forward(act, value, error);
    sent_.reset();
    if (act == action::send)
      sent_.emplace(std::move(*value));
    else if (act == action::raise)
      pending_ = error;
    return run();
  }

  // PEP 380: pass the step to the delegate; when it finishes, the outer body
  // resumes at its co_yield (with the delegate's exception, if any).
  bool forward(action act, sent_type *value, std::exception_ptr error) {
    generator_core_base &sub = *delegate_;
    // throw_(generator_exit) closes the delegate, then raises in the outer.
    std::exception_ptr raised;
    if (act == action::raise && is_generator_exit(error))
      raised = error;
    bool yielded = false;
    running_ = true;
    try {
      if (raised)
        sub.close();
      else if (act == action::raise)
        yielded = sub.step(action::raise, nullptr, error);
      else
        yielded = sub.step(act, value, nullptr);
    } catch (...) {
      raised = std::current_exception();
    }
    running_ = false;
    if (yielded)
      return true;
    // The delegate finished: resume the outer body at its co_yield, outside
    // any handler so the body runs with no exception in flight.
    delegate_ = nullptr;
    pending_ = raised;
    return run();
  }

  static bool is_generator_exit(const std::exception_ptr &error) {
    try {
      std::rethrow_exception(error);
    } catch (const generator_exit &) {
      return true;
    } catch (...) {
      return false;
    }
  }

  // Resumes the body once and records how it stopped.
  bool run() {
    auto body = [this] { return resume_body(); };
    return run_with(body);
  }

  template <class Body> COSM_ALWAYS_INLINE bool run_with(Body &body) {
    started_ = true;
    running_ = true;
    current_.reset();
    bool suspended = false;
    try {
      suspended = body();
    } catch (...) {
      running_ = false;
      finish(false);
      throw;
    }
    running_ = false;
    if (!suspended)
      finish(true);
    return suspended;
  }

  void finish(bool returned) noexcept {
    done_ = true;
    returned_ = returned;
    delegate_ = nullptr;
    current_.reset();
    sent_.reset();
    pending_ = nullptr;
  }

  next_result take_current() {
    if constexpr (std::is_void_v<Y>)
      return true;
    else
      return next_result(std::move(current()));
  }

  std::optional<value_type> current_;
  std::optional<sent_type> sent_;
  std::exception_ptr pending_;
  generator_core_base *delegate_ = nullptr;
  bool started_ = false;
  bool running_ = false;
  bool done_ = false;
  bool returned_ = false;
};

// Adds the return value, which only the generator's owner reads; delegation
// goes through the R-independent base.
template <class Y, class S, class R>
class generator_core : public generator_core_base<Y, S> {
public:
  using result_type = std::conditional_t<std::is_void_v<R>, empty_yield, R>;

  // co_return value;
  template <class U> void set_result(U &&value) {
    result_.emplace(std::forward<U>(value));
  }

  std::add_lvalue_reference_t<R> result() {
    if (!this->done())
      throw generator_error("generator has not finished");
    if (!this->returned())
      throw generator_error("generator finished without a result");
    if constexpr (!std::is_void_v<R>) {
      if (!result_)
        throw generator_error("generator returned no value");
      return *result_;
    }
  }

protected:
  generator_core() = default;
  ~generator_core() = default;

private:
  std::optional<result_type> result_;
};

} // namespace cosm::detail
