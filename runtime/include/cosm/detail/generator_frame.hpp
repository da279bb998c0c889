// Lowered mode (docs/lowered-abi.md, "Generators"): the base class of every
// generator frame the cosm tool emits, and make_generator. Plain C++17.
#pragma once

// Included at the end of cosm/generator.hpp; including it first works too.
#include <cosm/detail/generator_core.hpp>
#include <cosm/generator.hpp>
#include <cosm/lowered/frame.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace cosm::detail {
struct frame_access;
} // namespace cosm::detail

namespace cosm::lowered {

// The emitted frame derives from this and implements resume() (the body as a
// state machine) and a destructor that destroys, per state, the hoisted
// locals alive at that suspend point. The protocol lives in a member core, not
// a base, so the body's unqualified names (send, close, next...) never find
// protocol functions.
template <class Y, class S = void, class R = void>
class generator_frame : public frame_base {
  using cosm_core_base = detail::generator_core_base<Y, S>;

public:
  using yield_type = Y;
  using send_type = S;
  using return_type = R;

  generator_frame() noexcept : cosm_core_(*this) {}
  generator_frame(const generator_frame &) = delete;
  generator_frame &operator=(const generator_frame &) = delete;

  // Runs the body from cosm_state to its next suspend point or its end.
  virtual void resume() = 0;

protected:
  // `co_yield EXPR;` is `cosm_yield(EXPR); cosm_state = K; return;`.
  template <class U = typename cosm_core_base::value_type,
            std::enable_if_t<std::is_convertible_v<
                                 U &&, typename cosm_core_base::value_type>,
                             int> = 0>
  void cosm_yield(U &&value) {
    cosm_core_.yield(std::forward<U>(value));
    cosm_suspended = true;
  }

  // First statement after every resume label: running again, and raise what
  // throw_/close/a finished delegate left for the body.
  void cosm_resumed() {
    cosm_state = -1;
    cosm_suspended = false;
    cosm_core_.raise_pending();
  }

  // The value of the co_yield expression just resumed: std::optional<S>
  // (nullopt after next()), void when S is void. Call once per resume.
  typename cosm_core_base::resume_result cosm_sent() {
    return cosm_core_.take_sent();
  }

  // `co_yield cosm::from(...)` once `d` is built: true when the delegate
  // yielded (the frame then suspends), false when it already returned.
  template <class G> bool cosm_yield_from(from_t<G> &d) {
    static_assert(std::is_same_v<typename G::yield_type, Y> &&
                      std::is_same_v<typename G::send_type, S>,
                  "co_yield cosm::from(sub): sub must have the same Y and S");
    if (!cosm_core_.start_delegate(detail::generator_access::delegate(d)))
      return false;
    cosm_suspended = true;
    return true;
  }

  // `co_return EXPR;` is `cosm_return(EXPR); return;` (R non-void).
  template <class U = R,
            std::enable_if_t<
                !std::is_void_v<R> && std::is_convertible_v<U &&, R>, int> = 0>
  void cosm_return(U &&value) {
    cosm_core_.set_result(std::forward<U>(value));
  }

private:
  friend struct detail::frame_access;

  struct cosm_core_type final : detail::generator_core<Y, S, R> {
    explicit cosm_core_type(generator_frame &frame) noexcept : frame(frame) {}
    bool resume_body() override {
      frame.resume();
      return frame.cosm_suspended;
    }
    void destroy_frame() noexcept override { delete &frame; }
    generator_frame &frame;
  };

  cosm_core_type cosm_core_;
};

} // namespace cosm::lowered

namespace cosm::detail {
struct frame_access {
  template <class F> static auto &core(F &frame) noexcept {
    return static_cast<lowered::generator_frame<
        typename F::yield_type, typename F::send_type, typename F::return_type>
                           &>(frame)
        .cosm_core_;
  }
};
} // namespace cosm::detail

namespace cosm::lowered {

// Heap-allocates the frame (frames never move once started) and hands it to a
// generator, which deletes it through frame_base's virtual destructor.
template <class F, class... Args>
generator<typename F::yield_type, typename F::send_type,
          typename F::return_type>
make_generator(Args &&...args) {
  F *frame = new F(std::forward<Args>(args)...);
  return detail::generator_access::adopt(&detail::frame_access::core(*frame));
}

// A generator consumed where it is made (`for (x : f())`): the frame lives in
// this object, with no heap allocation, and the final frame type lets the
// compiler see its resume(). The tool uses it for range-for over a call to a
// lowered generator; guaranteed copy elision builds it in place.
template <class F> class local_generator {
  using generator_type =
      generator<typename F::yield_type, typename F::send_type,
                typename F::return_type>;

public:
  template <class... Args>
  explicit local_generator(Args &&...args)
      : frame_(std::forward<Args>(args)...),
        view_(detail::generator_access::adopt(
            &detail::frame_access::core(frame_))) {}
  local_generator(const local_generator &) = delete;
  local_generator &operator=(const local_generator &) = delete;
  // The view must not delete a frame it does not own.
  ~local_generator() { detail::generator_access::release(view_); }

  // Range-for resumes the frame through its final type: no virtual call.
  struct frame_source {
    local_generator *owner = nullptr;
    auto &core() const noexcept {
      return detail::frame_access::core(owner->frame_);
    }
    COSM_ALWAYS_INLINE bool advance() const {
      F &frame = owner->frame_;
      return core().advance_with([&frame] {
        frame.F::resume();
        return frame.cosm_suspended;
      });
    }
    bool operator==(const frame_source &o) const noexcept {
      return owner == o.owner;
    }
  };
  using iterator = detail::generator_iterator<frame_source>;

  // Runs to the next co_yield, like cosm::generator::begin().
  iterator begin() { return ++iterator(frame_source{this}); }
  iterator end() noexcept { return iterator(); }
  generator_type &get() noexcept { return view_; }

private:
  F frame_;
  generator_type view_;
};

} // namespace cosm::lowered
