// cosm::spawn: asyncio.create_task. The task runs unawaited on the running
// loop; a join_handle awaits its outcome or cancels it.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>

#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"
#include "cosm/task.hpp"

namespace cosm {

template <class T> class join_handle;

namespace detail {

template <class T> class join_awaiter final : public join_leaf {
public:
  join_awaiter(spawned_root *joined, bool take) noexcept
      : join_leaf(joined), take_(take) {}

  bool await_ready() const noexcept { return joined_->done(); }
  template <class H> bool await_suspend(H awaiting) {
    if (!leaf_begin(as_frame_handle(awaiting), "co_await cosm::join_handle"))
      return false;
    if (root_ == joined_) {
      leaf_detach();
      throw std::logic_error("a task cannot await its own join_handle");
    }
    join_suspend();
    return true;
  }
  T await_resume() {
    leaf_end();
    if constexpr (std::is_void_v<T> || !std::is_copy_constructible_v<T>)
      return joined_->take_outcome<T>();
    else if (take_)
      return joined_->take_outcome<T>();
    else
      return joined_->copy_outcome<T>();
  }

private:
  bool take_; // awaited as an rvalue: move the result out
};

} // namespace detail

// Shared handle to a spawned task (copies refer to the same task).
template <class T> class join_handle {
public:
  join_handle() noexcept = default;
  join_handle(const join_handle &other) noexcept : root_(other.root_) {
    if (root_)
      root_->add_ref();
  }
  join_handle(join_handle &&other) noexcept
      : root_(std::exchange(other.root_, nullptr)) {}
  join_handle &operator=(join_handle other) noexcept {
    std::swap(root_, other.root_);
    return *this;
  }
  ~join_handle() {
    if (root_)
      root_->release();
  }

  bool valid() const noexcept { return root_ != nullptr; }
  bool done() const noexcept { return root_ && root_->done(); }

  // Raises cosm::cancelled_error at the task's current co_await (or, if it
  // has not started yet, it never runs). False when it is already done.
  bool cancel() noexcept { return root_ && root_->cancel(); }

  // co_await h gives T (a copy when T is copyable; a move-only result is
  // moved out) or rethrows; co_await std::move(h) moves the result out.
  detail::join_awaiter<T> cosm_awaiter() const & { return make(false); }
  detail::join_awaiter<T> cosm_awaiter() && { return make(true); }

private:
  template <class U> friend join_handle<U> spawn(task<U> t);
  explicit join_handle(detail::spawned_root *root) noexcept : root_(root) {
    root_->add_ref();
  }
  detail::join_awaiter<T> make(bool take) const {
    if (!root_)
      throw std::logic_error("co_await on an empty cosm::join_handle");
    return detail::join_awaiter<T>(root_, take);
  }

  detail::spawned_root *root_ = nullptr;
};

#if defined(__cpp_impl_coroutine)
template <class T>
detail::join_awaiter<T> operator co_await(const join_handle<T> &h) {
  return h.cosm_awaiter();
}
template <class T>
detail::join_awaiter<T> operator co_await(join_handle<T> &&h) {
  return std::move(h).cosm_awaiter();
}
#endif

// Starts `t` on the running loop (its first step runs on a later iteration).
template <class T> join_handle<T> spawn(task<T> t) {
  detail::loop &l = detail::loop::running("cosm::spawn");
  auto *core = detail::task_access::release_or_throw(t, "cosm::spawn");
  detail::spawned_root *root;
  try {
    root = new detail::spawned_root(core);
  } catch (...) {
    core->cosm_destroy();
    throw;
  }
  join_handle<T> handle(root);
  l.adopt(*root); // takes the loop's reference and schedules the first step
  return handle;
}

} // namespace cosm
