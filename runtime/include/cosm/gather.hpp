// cosm::gather: asyncio.gather. Each child runs as its own task (started in
// argument order); the results come back in argument order.
//
// When a child fails, the first failure (in completion order) is rethrown
// after the other children were cancelled and have finished: as
// asyncio.TaskGroup does. (Plain asyncio.gather would leave them running,
// which in C++ would let them outlive the locals they refer to.)
// Cancelling the awaiting task cancels every child, then raises
// cosm::cancelled_error once they have finished.
#pragma once

#include <array>
#include <cstddef>
#include <exception>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cosm/detail/task_handle.hpp"
#include "cosm/detail/task_root.hpp"
#include "cosm/lowered/task_frame.hpp"
#include "cosm/task.hpp"

namespace cosm {

// Stands for the result of a task<void> child in gather's tuple (Python's
// None).
struct none_t {
  friend constexpr bool operator==(none_t, none_t) noexcept { return true; }
  friend constexpr bool operator!=(none_t, none_t) noexcept { return false; }
};

} // namespace cosm

namespace cosm::detail {

template <class T>
using gather_value_t = std::conditional_t<std::is_void_v<T>, none_t, T>;

// Both forms: starts the children, counts them down, keeps the first failure.
class gather_group : public task_leaf, public child_owner {
public:
  void cancel() noexcept override {
    cancelled_ = true;
    cancel_children();
  }

protected:
  // False when the awaiting task was cancelled before the gather started
  // (then no child runs) or there is no child; true once suspended.
  bool group_start(lowered::frame_handle self, child_root *children,
                   std::size_t count) {
    children_ = children;
    count_ = remaining_ = count;
    if (!leaf_begin(self, "cosm::gather"))
      return false;
    if (count == 0) {
      leaf_detach();
      return false;
    }
    for (std::size_t i = 0; i < count; ++i)
      children[i].start(*loop_);
    return true;
  }
  // Raises the gather's own failure, if any.
  void group_finish() {
    leaf_end();
    if (first_error_)
      std::rethrow_exception(first_error_);
  }

private:
  void child_done(child_root &child) noexcept override {
    if (child.failed() && !first_error_ && !cancelled_) {
      first_error_ = child.failure();
      cancel_children();
    }
    if (--remaining_ == 0)
      leaf_wake();
  }
  void cancel_children() noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      children_[i].cancel();
  }

  child_root *children_ = nullptr;
  std::size_t count_ = 0, remaining_ = 0;
  std::exception_ptr first_error_;
};

template <class T> gather_value_t<T> take_gathered(child_root &child) {
  if constexpr (std::is_void_v<T>) {
    child.take_outcome<void>();
    return none_t{};
  } else {
    return child.take_outcome<T>();
  }
}

template <class... Ts>
class gather_frame final
    : public lowered::task_frame<std::tuple<gather_value_t<Ts>...>>,
      public gather_group {
public:
  explicit gather_frame(task<Ts>... tasks)
      : children_{{child_root(
            task_access::release_or_throw(tasks, "cosm::gather"), this)...}} {}

  lowered::frame_handle resume() override {
    if (this->cosm_state == 0) {
      this->cosm_state = 1;
      if (group_start(this->cosm_self, children_.data(), children_.size()))
        return {};
    }
    group_finish();
    this->cosm_return(collect(std::index_sequence_for<Ts...>{}));
    return this->cosm_final();
  }

private:
  template <std::size_t... I>
  std::tuple<gather_value_t<Ts>...> collect(std::index_sequence<I...>) {
    return std::tuple<gather_value_t<Ts>...>{
        take_gathered<Ts>(children_[I])...};
  }

  std::array<child_root, sizeof...(Ts)> children_;
};

template <class T>
using gather_vector_t =
    std::conditional_t<std::is_void_v<T>, void, std::vector<T>>;

template <class T>
class gather_vector_frame final
    : public lowered::task_frame<gather_vector_t<T>>,
      public gather_group {
public:
  explicit gather_vector_frame(std::vector<task<T>> tasks)
      : count_(tasks.size()), children_(new child_root[tasks.size()]) {
    for (std::size_t i = 0; i < count_; ++i)
      children_[i].assign(
          task_access::release_or_throw(tasks[i], "cosm::gather"), this);
  }

  lowered::frame_handle resume() override {
    if (this->cosm_state == 0) {
      this->cosm_state = 1;
      if (group_start(this->cosm_self, children_.get(), count_))
        return {};
    }
    group_finish();
    if constexpr (!std::is_void_v<T>) {
      std::vector<T> results;
      results.reserve(count_);
      for (std::size_t i = 0; i < count_; ++i)
        results.push_back(children_[i].take_outcome<T>());
      this->cosm_return(std::move(results));
    }
    return this->cosm_final();
  }

private:
  std::size_t count_;
  std::unique_ptr<child_root[]> children_;
};

} // namespace cosm::detail

namespace cosm {

// Runs the tasks concurrently; task<void> children give cosm::none_t.
template <class... Ts>
task<std::tuple<detail::gather_value_t<Ts>...>> gather(task<Ts>... tasks) {
  return lowered::make_task<detail::gather_frame<Ts...>>(std::move(tasks)...);
}

// Runs the tasks concurrently: a vector of results, or task<void> for void.
template <class T>
task<detail::gather_vector_t<T>> gather(std::vector<task<T>> tasks) {
  return lowered::make_task<detail::gather_vector_frame<T>>(std::move(tasks));
}

} // namespace cosm
