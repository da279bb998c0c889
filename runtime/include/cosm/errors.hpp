// Exception types shared by generators, tasks and the loop.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace cosm {

// Misuse of the generator protocol (Python's RuntimeError/TypeError/ValueError
// from generator methods): sending before priming, resuming a running
// generator, a generator that keeps yielding after close().
class generator_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Raised at the suspended co_yield by close(). Python's GeneratorExit derives
// from BaseException so that `except Exception` does not swallow it; C++ has no
// such split, so it derives from std::exception (for what()) but not from
// std::runtime_error: `catch (const std::runtime_error&)` lets it pass, while
// `catch (const std::exception&)` and `catch (...)` do catch it and must
// rethrow.
class generator_exit : public std::exception {
public:
  generator_exit() noexcept = default;
  const char *what() const noexcept override { return "generator_exit"; }
};

// Raised at a task's current co_await by cancel() (asyncio.CancelledError,
// which is a BaseException too: hence std::exception, not runtime_error).
class cancelled_error : public std::exception {
public:
  cancelled_error() noexcept = default;
  const char *what() const noexcept override { return "cancelled"; }
};

// Raised by wait_for when the deadline passes first (asyncio.TimeoutError).
class timeout_error : public std::runtime_error {
public:
  timeout_error() : std::runtime_error("timeout") {}
  explicit timeout_error(const std::string &message)
      : std::runtime_error(message) {}
};

} // namespace cosm
