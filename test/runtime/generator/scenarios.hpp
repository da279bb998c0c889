// The generator programs the lowered tests compare: each exists once as
// native C++20 coroutines (native_scenarios.cpp) and once as the frames the
// cosm tool emits for them (lowered_scenarios.cpp), with the same signatures.
#pragma once

#include "support.hpp"

#include <cosm/generator.hpp>

#include <string>

#define COSM_TEST_SCENARIOS                                                    \
  cosm::generator<int> countdown(cosm_test::event_log &log, int n);            \
  cosm::generator<void, std::string> finder(cosm_test::event_log &log,         \
                                            std::string x);                    \
  cosm::generator<int> catcher(cosm_test::event_log &log);                     \
  cosm::generator<std::string, std::string, std::string> inner(                \
      cosm_test::event_log &log);                                              \
  cosm::generator<std::string, std::string> outer(cosm_test::event_log &log);  \
  cosm::generator<int> stubborn(cosm_test::event_log &log);                    \
  cosm::generator<int, void, std::string> returner(cosm_test::event_log &log); \
  cosm::generator<int> scoped(cosm_test::event_log &log);                      \
  cosm::generator<int, void, int> leaf(cosm_test::event_log &log);             \
  cosm::generator<int> trunk(cosm_test::event_log &log);

namespace native_impl {
COSM_TEST_SCENARIOS
// trunk, natively, delegating to lowered_impl::leaf: the two modes mixed.
cosm::generator<int> mixed_trunk(cosm_test::event_log &log);
} // namespace native_impl

namespace lowered_impl {
COSM_TEST_SCENARIOS
} // namespace lowered_impl

#undef COSM_TEST_SCENARIOS
