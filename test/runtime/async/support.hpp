// Helpers shared by the async runtime tests (C++17 and C++20 alike).
#pragma once

#include "cosm/clock.hpp"
#include "cosm/gather.hpp"
#include "cosm/loop.hpp"
#include "cosm/net.hpp"
#include "cosm/sleep.hpp"
#include "cosm/spawn.hpp"
#include "cosm/task.hpp"
#include "cosm/to_thread.hpp"
#include "cosm/wait_for.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace cosm_test {

using namespace std::chrono_literals;

// What happened, in order.
using trace = std::vector<std::string>;

// Simulated time since the loop started, in milliseconds.
inline long long ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             cosm::now().time_since_epoch())
      .count();
}

inline cosm::run_options virtual_clock() {
  cosm::run_options options;
  options.virtual_clock = true;
  return options;
}

// Counts destructions: proves RAII cleanup ran.
struct counted {
  int *count;
  explicit counted(int *c) : count(c) {}
  counted(const counted &) = delete;
  counted &operator=(const counted &) = delete;
  ~counted() { ++*count; }
};

} // namespace cosm_test
