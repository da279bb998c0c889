// cosm: generators, tasks and the event loop, in native C++20 coroutines or
// in the C++17 state machines the cosm tool lowers them to.
#ifndef COSM_COSM_HPP
#define COSM_COSM_HPP

#include <cosm/errors.hpp>
#include <cosm/generator.hpp>

#include <cosm/clock.hpp>
#include <cosm/gather.hpp>
#include <cosm/loop.hpp>
#include <cosm/net.hpp>
#include <cosm/sleep.hpp>
#include <cosm/spawn.hpp>
#include <cosm/task.hpp>
#include <cosm/to_thread.hpp>
#include <cosm/wait_for.hpp>

#endif
