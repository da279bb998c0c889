// What a task's frame shows the outside world, whoever implements the body
// (the native promise, a lowered frame, a runtime frame): the result or the
// exception, the continuation to resume at the end, and how to run the body.
// cosm::task<T> holds a pointer to one of these, so its definition does not
// depend on the language mode.
//
// Every member is prefixed `cosm_`: lowered frames derive from this, and the
// user's code, copied into a frame's member function, must not find these
// names instead of its own globals.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "cosm/detail/task_handle.hpp"

namespace cosm::detail {

class task_core_base {
public:
  lowered::frame_handle cosm_self;         // starts or resumes the body
  lowered::frame_handle cosm_continuation; // run by the body's final transfer
  std::exception_ptr cosm_error;           // what escaped the body
  bool cosm_running = false;  // tracked for frames the runtime resumes itself
  bool cosm_finished = false; // the body returned or threw

  task_core_base(const task_core_base &) = delete;
  task_core_base &operator=(const task_core_base &) = delete;

  // Frees the whole frame (native coroutine frame or heap-allocated frame).
  virtual void cosm_destroy() noexcept = 0;

protected:
  task_core_base() = default;
  ~task_core_base() = default;
};

template <class T> class task_core : public task_core_base {
  static_assert(!std::is_reference_v<T>,
                "cosm::task<T&> is not supported: return a pointer or a "
                "std::reference_wrapper");
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "cosm::task<T>: T must be void or an object type");

public:
  template <class U = T> void cosm_set_value(U &&value) {
    cosm_value_.emplace(std::forward<U>(value));
  }
  // The result (moved out) or the body's exception, rethrown.
  T cosm_take_result() {
    if (cosm_error)
      std::rethrow_exception(cosm_error);
    if (!cosm_value_)
      throw std::logic_error(
          "cosm::task: no result (the body ended without co_return, or the "
          "result was already taken)");
    return std::move(*cosm_value_);
  }
  const T &cosm_peek_result() const {
    if (cosm_error)
      std::rethrow_exception(cosm_error);
    if (!cosm_value_)
      throw std::logic_error("cosm::task: no result (already moved out)");
    return *cosm_value_;
  }

protected:
  task_core() = default;
  ~task_core() = default;

private:
  std::optional<T> cosm_value_;
};

template <> class task_core<void> : public task_core_base {
public:
  void cosm_take_result() {
    if (cosm_error)
      std::rethrow_exception(cosm_error);
  }
  void cosm_peek_result() const {
    if (cosm_error)
      std::rethrow_exception(cosm_error);
  }

protected:
  task_core() = default;
  ~task_core() = default;
};

} // namespace cosm::detail
