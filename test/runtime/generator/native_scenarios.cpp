// The input programs of the lowered tests, compiled natively (C++20).
#include "scenarios.hpp"

#include <stdexcept>

namespace native_impl {

using cosm_test::event_log;
using cosm_test::tracer;

cosm::generator<int> countdown(event_log &log, int n) {
  log.add("start " + std::to_string(n));
  while (n > 0) {
    co_yield n;
    --n;
  }
  log.add("done");
}

cosm::generator<void, std::string> finder(event_log &log, std::string x) {
  try {
    while (true) {
      auto text = co_yield {};
      if (text && text->find(x) != std::string::npos)
        log.add("found " + *text);
    }
  } catch (const cosm::generator_exit &) {
    log.add("finder closing");
    throw;
  }
}

cosm::generator<int> catcher(event_log &log) {
  int n = 0;
  while (true) {
    try {
      co_yield n;
    } catch (const std::invalid_argument &e) {
      log.add(std::string("caught ") + e.what());
      n += 10;
    }
    n += 1;
  }
}

cosm::generator<std::string, std::string, std::string> inner(event_log &log) {
  bool recovered = false;
  try {
    auto got = co_yield "i1";
    log.add("inner got " + got.value_or("None"));
    got = co_yield "i2";
    log.add("inner got " + got.value_or("None"));
  } catch (const std::invalid_argument &e) {
    log.add(std::string("inner caught ") + e.what());
    recovered = true;
  }
  if (recovered)
    co_yield "i-recovered";
  co_return "inner-ret";
}

cosm::generator<std::string, std::string> outer(event_log &log) {
  co_yield "o1";
  auto res = co_yield cosm::from(inner(log));
  log.add("outer res " + res);
  co_yield "o2";
}

cosm::generator<int> stubborn(event_log &log) {
  bool exiting = false;
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    log.add("stubborn caught generator_exit");
    exiting = true;
  }
  if (exiting)
    co_yield 2;
  log.add("stubborn end");
}

cosm::generator<int, void, std::string> returner(event_log &log) {
  log.add("returner start");
  co_yield 1;
  co_return "result";
}

cosm::generator<int> scoped(event_log &log) {
  tracer a(log, "a");
  co_yield 1;
  {
    tracer b(log, "b");
    co_yield 2;
    log.add("after 2");
  }
  tracer c(log, "c");
  co_yield 3;
  log.add("end");
}

cosm::generator<int, void, int> leaf(event_log &log) {
  tracer t(log, "leaf");
  co_yield 10;
  co_yield 11;
  co_return 5;
}

cosm::generator<int> trunk(event_log &log) {
  tracer t(log, "trunk");
  int r = co_yield cosm::from(leaf(log));
  co_yield r;
}

} // namespace native_impl

namespace native_impl {

cosm::generator<int> mixed_trunk(cosm_test::event_log &log) {
  cosm_test::tracer t(log, "trunk");
  int r = co_yield cosm::from(lowered_impl::leaf(log));
  co_yield r;
}

} // namespace native_impl
