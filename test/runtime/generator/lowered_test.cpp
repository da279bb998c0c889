// Lowered mode: the hand-lowered frames of lowered_scenarios.cpp must behave
// exactly like their native originals (native_scenarios.cpp, compiled as
// C++20 and linked in): each script drives both and compares the logs, and
// the Python-derived ones are also checked against gen_protocol.py's output.
#include "scenarios.hpp"

#include <cosm/errors.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using cosm_test::event_log;
using lines = std::vector<std::string>;

// One implementation of every scenario: native or lowered.
struct impl {
  decltype(&native_impl::countdown) countdown;
  decltype(&native_impl::finder) finder;
  decltype(&native_impl::catcher) catcher;
  decltype(&native_impl::outer) outer;
  decltype(&native_impl::stubborn) stubborn;
  decltype(&native_impl::returner) returner;
  decltype(&native_impl::scoped) scoped;
  decltype(&native_impl::trunk) trunk;
};

const impl native{&native_impl::countdown, &native_impl::finder,
                  &native_impl::catcher,   &native_impl::outer,
                  &native_impl::stubborn,  &native_impl::returner,
                  &native_impl::scoped,    &native_impl::trunk};
const impl lowered{&lowered_impl::countdown, &lowered_impl::finder,
                   &lowered_impl::catcher,   &lowered_impl::outer,
                   &lowered_impl::stubborn,  &lowered_impl::returner,
                   &lowered_impl::scoped,    &lowered_impl::trunk};

std::string show(const std::optional<int> &v) {
  return v ? std::to_string(*v) : "nullopt";
}
std::string show(const std::optional<std::string> &v) {
  return v ? *v : "nullopt";
}

lines countdown_script(const impl &m) {
  event_log log;
  for (int x : m.countdown(log, 3))
    log.add("for " + std::to_string(x));
  auto g = m.countdown(log, 2);
  log.add("created");
  log.add("next " + show(g.next()));
  log.add("next " + show(g.next()));
  log.add(g.done() ? "done early" : "not done at the last yield");
  if (!g.next())
    log.add("stop");
  log.add(g.done() ? "done" : "not done");
  log.add("again " + show(g.next()));
  return log.events;
}

lines finder_script(const impl &m) {
  event_log log;
  auto f = m.finder(log, "python");
  try {
    f.send("python first");
  } catch (const cosm::generator_error &) {
    log.add("error not started");
  }
  f.next();
  f.send("I love python");
  f.send("I love c++");
  f.next();
  f.send("python again");
  f.close();
  log.add(f.done() ? "closed" : "still open");
  f.close();
  log.add(f.send("python late") ? "yielded" : "finished");
  return log.events;
}

lines catcher_script(const impl &m) {
  event_log log;
  auto c = m.catcher(log);
  log.add("first " + show(c.next()));
  log.add("after throw " + show(c.throw_(std::invalid_argument("boom"))));
  log.add("next " + show(c.next()));
  c.close();
  log.add(c.done() ? "closed" : "open");
  // An exception the body does not catch escapes and finishes it.
  auto d = m.catcher(log);
  d.next();
  try {
    d.throw_(std::runtime_error("fatal"));
  } catch (const std::runtime_error &e) {
    log.add(std::string("escaped ") + e.what());
  }
  log.add(d.done() ? "done" : "not done");
  // Not started: raised at the top, the body never runs.
  auto e = m.catcher(log);
  try {
    e.throw_(std::invalid_argument("early"));
  } catch (const std::invalid_argument &err) {
    log.add(std::string("early ") + err.what());
  }
  log.add("after early " + show(e.next()));
  return log.events;
}

lines returner_script(const impl &m) {
  event_log log;
  auto r = m.returner(log);
  r.next();
  try {
    r.result();
  } catch (const cosm::generator_error &) {
    log.add("no result yet");
  }
  if (!r.next())
    log.add("value " + r.result());
  return log.events;
}

lines delegation_script(const impl &m) {
  event_log log;
  auto o = m.outer(log);
  log.add(show(o.next()));
  log.add(show(o.next()));
  log.add(show(o.send("A")));
  log.add(show(o.throw_(std::invalid_argument("thrown"))));
  log.add(show(o.next()));
  if (!o.next())
    log.add("outer stop");
  return log.events;
}

lines delegation_exit_script(const impl &m) {
  event_log log;
  auto o = m.outer(log);
  o.next();
  log.add(show(o.next()));
  o.close();
  log.add(o.done() ? "closed" : "open");
  auto p = m.outer(log);
  p.next();
  p.next();
  try {
    p.throw_(cosm::generator_exit{});
  } catch (const cosm::generator_exit &) {
    log.add("generator_exit escaped");
  }
  log.add(p.done() ? "done" : "not done");
  return log.events;
}

lines stubborn_script(const impl &m) {
  event_log log;
  auto s = m.stubborn(log);
  s.next();
  try {
    s.close();
  } catch (const cosm::generator_error &e) {
    log.add(std::string("runtime error ") + e.what());
  }
  log.add(s.done() ? "done" : "suspended");
  log.add("next " + show(s.next()));
  return log.events;
}

lines scoped_script(const impl &m) {
  event_log log;
  for (int x : m.scoped(log))
    log.add("got " + std::to_string(x));
  for (int stop = 0; stop <= 3; ++stop) {
    log.add("destroy at " + std::to_string(stop));
    auto g = m.scoped(log);
    for (int i = 0; i < stop; ++i)
      g.next();
  }
  log.add("throw at 2");
  {
    auto g = m.scoped(log);
    g.next();
    g.next();
    try {
      g.throw_(std::runtime_error("x"));
    } catch (const std::runtime_error &) {
      log.add("caught x");
    }
  }
  log.add("close at 3");
  {
    auto g = m.scoped(log);
    g.next();
    g.next();
    g.next();
    g.close();
    log.add("closed");
  }
  return log.events;
}

lines trunk_script(const impl &m) {
  event_log log;
  for (int x : m.trunk(log))
    log.add("got " + std::to_string(x));
  for (int stop = 1; stop <= 3; ++stop) {
    log.add("destroy after " + std::to_string(stop));
    auto g = m.trunk(log);
    for (int i = 0; i < stop; ++i)
      log.add("next " + show(g.next()));
  }
  log.add("close while delegating");
  auto g = m.trunk(log);
  g.next();
  g.close();
  log.add(g.done() ? "closed" : "open");
  return log.events;
}

#define COSM_SAME_AS_NATIVE(script)                                            \
  TEST(generator_lowered, script) {                                            \
    EXPECT_EQ(script(lowered), script(native));                                \
  }

COSM_SAME_AS_NATIVE(countdown_script)
COSM_SAME_AS_NATIVE(finder_script)
COSM_SAME_AS_NATIVE(catcher_script)
COSM_SAME_AS_NATIVE(returner_script)
COSM_SAME_AS_NATIVE(delegation_script)
COSM_SAME_AS_NATIVE(delegation_exit_script)
COSM_SAME_AS_NATIVE(stubborn_script)
COSM_SAME_AS_NATIVE(scoped_script)
COSM_SAME_AS_NATIVE(trunk_script)

// The parts of gen_protocol.py's output these scripts reproduce.
TEST(generator_lowered, matches_python) {
  EXPECT_EQ(countdown_script(lowered),
            (lines{"start 3", "for 3", "for 2", "for 1", "done", "created",
                   "start 2", "next 2", "next 1", "not done at the last yield",
                   "done", "stop", "done", "again nullopt"}));
  EXPECT_EQ(
      finder_script(lowered),
      (lines{"error not started", "found I love python", "found python again",
             "finder closing", "closed", "finished"}));
  EXPECT_EQ(
      catcher_script(lowered),
      (lines{"first 0", "caught boom", "after throw 11", "next 12", "closed",
             "escaped fatal", "done", "early early", "after early nullopt"}));
  EXPECT_EQ(returner_script(lowered),
            (lines{"returner start", "no result yet", "value result"}));
  EXPECT_EQ(delegation_script(lowered),
            (lines{"o1", "i1", "inner got A", "i2", "inner caught thrown",
                   "i-recovered", "outer res inner-ret", "o2", "outer stop"}));
  EXPECT_EQ(stubborn_script(lowered),
            (lines{"stubborn caught generator_exit",
                   "runtime error generator ignored generator_exit",
                   "suspended", "stubborn end", "next nullopt"}));
}

TEST(generator_lowered, delegation_exit) {
  EXPECT_EQ(delegation_exit_script(lowered),
            (lines{"i1", "closed", "generator_exit escaped", "done"}));
}

// Hoisted locals die exactly as in a native frame: in reverse order, at scope
// exit, on unwinding, and per state when a suspended frame is destroyed.
TEST(generator_lowered, lifetimes) {
  EXPECT_EQ(scoped_script(lowered),
            (lines{"+a",           "got 1",    "+b",         "got 2",
                   "after 2",      "-b",       "+c",         "got 3",
                   "end",          "-c",       "-a",         "destroy at 0",
                   "destroy at 1", "+a",       "-a",         "destroy at 2",
                   "+a",           "+b",       "-b",         "-a",
                   "destroy at 3", "+a",       "+b",         "after 2",
                   "-b",           "+c",       "-c",         "-a",
                   "throw at 2",   "+a",       "+b",         "-b",
                   "-a",           "caught x", "close at 3", "+a",
                   "+b",           "after 2",  "-b",         "+c",
                   "-c",           "-a",       "closed"}));
  EXPECT_EQ(trunk_script(lowered), (lines{"+trunk",
                                          "+leaf",
                                          "got 10",
                                          "got 11",
                                          "-leaf",
                                          "got 5",
                                          "-trunk",
                                          "destroy after 1",
                                          "+trunk",
                                          "+leaf",
                                          "next 10",
                                          "-leaf",
                                          "-trunk",
                                          "destroy after 2",
                                          "+trunk",
                                          "+leaf",
                                          "next 10",
                                          "next 11",
                                          "-leaf",
                                          "-trunk",
                                          "destroy after 3",
                                          "+trunk",
                                          "+leaf",
                                          "next 10",
                                          "next 11",
                                          "-leaf",
                                          "next 5",
                                          "-trunk",
                                          "close while delegating",
                                          "+trunk",
                                          "+leaf",
                                          "-leaf",
                                          "-trunk",
                                          "closed"}));
}

// A native C++20 coroutine delegating to a lowered C++17 frame: the two modes
// share one generator type.
TEST(generator_lowered, mixed_modes) {
  event_log mixed;
  for (int x : native_impl::mixed_trunk(mixed))
    mixed.add("got " + std::to_string(x));
  event_log plain;
  for (int x : lowered_impl::trunk(plain))
    plain.add("got " + std::to_string(x));
  EXPECT_EQ(mixed.events, plain.events);
}

} // namespace
