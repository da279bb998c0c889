// cosm: generators, tasks and the event loop, in native C++20 coroutines or
// in the C++17 state machines the cosm tool lowers them to.
#ifndef COSM_COSM_HPP
#define COSM_COSM_HPP

#include <cosm/errors.hpp>
#include <cosm/generator.hpp>

#endif
