// cosm::run: asyncio.run for cosm tasks.
#pragma once

#include "cosm/clock.hpp"
#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_root.hpp"
#include "cosm/task.hpp"

namespace cosm {

struct run_options {
  // Simulated time: it moves only when no task is ready, jumping straight to
  // the earliest timer, and the loop never sleeps in real time.
  bool virtual_clock = false;
};

// Runs a fresh loop until `main` is done and returns its result (or rethrows
// its exception). Tasks spawned and still running then are cancelled and run
// to completion first; pool threads still busy with to_thread work are waited
// for. Callable repeatedly, not from inside a running loop.
template <class T> T run(task<T> main, run_options options = {}) {
  detail::main_root root(
      detail::task_access::release_or_throw(main, "cosm::run"));
  {
    detail::loop loop(options);
    loop.run_main(root);
  }
  return root.take_outcome<T>();
}

} // namespace cosm
