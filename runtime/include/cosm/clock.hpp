// The loop's clock: steady_clock time, or simulated time starting at 0 when
// the loop runs with run_options::virtual_clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <type_traits>

namespace cosm {

struct clock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<clock, duration>;
  static constexpr bool is_steady = true;

  // The running loop's time; std::logic_error outside cosm::run (asyncio's
  // loop.time() needs a running loop too).
  static time_point now();
};

inline clock::time_point now() { return clock::now(); }

namespace detail {
// Any chrono duration as loop nanoseconds: rounded up (a sleep never ends
// early), saturated instead of overflowing.
template <class Rep, class Period>
std::int64_t to_loop_ns(std::chrono::duration<Rep, Period> d) noexcept {
  using double_ns = std::chrono::duration<double, std::nano>;
  const double ns = std::chrono::duration_cast<double_ns>(d).count();
  if (!(ns > 0))
    return 0; // also NaN
  if (ns >= 9.0e18)
    return INT64_MAX;
  if constexpr (std::is_integral_v<Rep>) {
    return std::chrono::ceil<std::chrono::nanoseconds>(d).count();
  } else {
    auto whole = static_cast<std::int64_t>(ns);
    return whole + (static_cast<double>(whole) < ns ? 1 : 0);
  }
}
} // namespace detail

} // namespace cosm
