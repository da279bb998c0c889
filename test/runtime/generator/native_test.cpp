// Native mode (C++20 coroutines): every rule of the generator protocol in
// PRODUCT.md, "Generators".
#include "support.hpp"

#include <cosm/errors.hpp>
#include <cosm/generator.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using cosm_test::event_log;
using cosm_test::tracer;
using lines = std::vector<std::string>;

cosm::generator<int> countdown(event_log &log, int n) {
  log.add("start " + std::to_string(n));
  while (n > 0) {
    co_yield n;
    --n;
  }
  log.add("done");
}

TEST(generator_native, lazy_start) {
  event_log log;
  auto g = countdown(log, 2);
  EXPECT_TRUE(log.events.empty());
  EXPECT_FALSE(g.done());
  EXPECT_EQ(g.next(), 2);
  EXPECT_EQ(log.events, lines{"start 2"});
}

TEST(generator_native, next_until_finished) {
  event_log log;
  auto g = countdown(log, 2);
  EXPECT_EQ(g.next(), 2);
  EXPECT_EQ(g.next(), 1);
  EXPECT_FALSE(g.done()); // at the last co_yield
  EXPECT_EQ(g.next(), std::nullopt);
  EXPECT_TRUE(g.done());
  EXPECT_EQ(g.next(), std::nullopt);
  EXPECT_EQ(log.events, (lines{"start 2", "done"}));
}

TEST(generator_native, range_for_on_lvalue_and_temporary) {
  event_log log;
  std::vector<int> seen;
  for (int x : countdown(log, 3))
    seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{3, 2, 1}));
  auto g = countdown(log, 2);
  seen.clear();
  for (int &x : g)
    seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{2, 1}));
  EXPECT_TRUE(g.done());
  EXPECT_EQ(g.begin(), g.end());
}

TEST(generator_native, range_for_continues_a_started_generator) {
  event_log log;
  auto g = countdown(log, 4);
  EXPECT_EQ(g.next(), 4);
  std::vector<int> seen;
  for (int x : g) {
    seen.push_back(x);
    if (x == 2)
      break;
  }
  EXPECT_EQ(seen, (std::vector<int>{3, 2}));
  seen.clear();
  for (int x : g)
    seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{1}));
}

cosm::generator<void> ticks(event_log &log) {
  log.add("tick 1");
  co_yield {};
  log.add("tick 2");
  co_yield {};
}

TEST(generator_native, void_yield_gives_bool) {
  event_log log;
  auto g = ticks(log);
  EXPECT_TRUE(g.next());
  EXPECT_TRUE(g.next());
  EXPECT_FALSE(g.next());
  EXPECT_EQ(log.events, (lines{"tick 1", "tick 2"}));
}

cosm::generator<std::pair<int, std::string>> pairs() {
  co_yield {1, "one"};
  co_yield {};
  co_yield std::pair<int, std::string>(3, "three");
}

cosm::generator<std::string> converted() {
  co_yield "literal";
  const char *p = "pointer";
  co_yield p;
}

cosm::generator<std::unique_ptr<int>> move_only() {
  co_yield std::make_unique<int>(7);
  auto p = std::make_unique<int>(8);
  co_yield std::move(p);
}

TEST(generator_native, yield_converts_and_accepts_braced_lists) {
  auto p = pairs();
  EXPECT_EQ(p.next(), (std::pair<int, std::string>(1, "one")));
  EXPECT_EQ(p.next(), (std::pair<int, std::string>()));
  EXPECT_EQ(p.next(), (std::pair<int, std::string>(3, "three")));
  auto c = converted();
  EXPECT_EQ(c.next(), "literal");
  EXPECT_EQ(c.next(), "pointer");
  auto m = move_only();
  EXPECT_EQ(**m.next(), 7);
  EXPECT_EQ(**m.next(), 8);
}

// ---- send ----

cosm::generator<void, std::string> finder(event_log &log, std::string x) {
  try {
    while (true) {
      auto text = co_yield {};
      log.add(text ? "got " + *text : std::string("got nullopt"));
      if (text && text->find(x) != std::string::npos)
        log.add("found " + *text);
    }
  } catch (const cosm::generator_exit &) {
    log.add("finder closing");
    throw;
  }
}

TEST(generator_native, send_before_start_is_refused_and_harmless) {
  event_log log;
  auto f = finder(log, "python");
  try {
    f.send("python first");
    FAIL() << "send before start must throw";
  } catch (const cosm::generator_error &) {
  }
  EXPECT_FALSE(f.done());
  EXPECT_TRUE(log.events.empty());
  EXPECT_TRUE(f.next()); // next() still primes it
  EXPECT_TRUE(f.send("I love python"));
  EXPECT_TRUE(f.next());
  EXPECT_EQ(log.events,
            (lines{"got I love python", "found I love python", "got nullopt"}));
}

cosm::generator<int, int, int> summer() {
  int total = 0;
  while (auto v = co_yield total) {
    total += *v;
  }
  co_return total;
}

TEST(generator_native, sent_value_is_the_yield_expression) {
  auto s = summer();
  EXPECT_EQ(s.next(), 0);
  EXPECT_EQ(s.send(5), 5);
  EXPECT_EQ(s.send(short{2}), 7);    // anything convertible to S
  EXPECT_EQ(s.next(), std::nullopt); // nullopt ends the loop
  EXPECT_TRUE(s.done());
  EXPECT_EQ(s.result(), 7);
  EXPECT_EQ(s.send(1), std::nullopt); // finished: like next()
}

// ---- throw_ ----

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

TEST(generator_native, throw_is_raised_at_the_yield) {
  event_log log;
  auto c = catcher(log);
  EXPECT_EQ(c.next(), 0);
  EXPECT_EQ(c.throw_(std::invalid_argument("boom")), 11);
  EXPECT_EQ(c.next(), 12);
  EXPECT_EQ(log.events, lines{"caught boom"});
}

TEST(generator_native, throw_uncaught_propagates_and_finishes) {
  event_log log;
  auto c = catcher(log);
  c.next();
  EXPECT_THROW(c.throw_(std::runtime_error("fatal")), std::runtime_error);
  EXPECT_TRUE(c.done());
  EXPECT_EQ(c.next(), std::nullopt);
}

struct special_error : std::invalid_argument {
  special_error() : std::invalid_argument("special") {}
};

TEST(generator_native, throw_keeps_the_dynamic_type) {
  event_log log;
  auto c = catcher(log);
  c.next();
  EXPECT_EQ(c.throw_(special_error{}), 11);
  EXPECT_EQ(log.events, lines{"caught special"});
  EXPECT_EQ(c.throw_(std::make_exception_ptr(std::invalid_argument("ptr"))),
            22);
  EXPECT_EQ(log.events, (lines{"caught special", "caught ptr"}));
}

TEST(generator_native, throw_before_start_never_runs_the_body) {
  event_log log;
  auto g = countdown(log, 3);
  EXPECT_THROW(g.throw_(std::invalid_argument("early")), std::invalid_argument);
  EXPECT_TRUE(g.done());
  EXPECT_TRUE(log.events.empty());
  EXPECT_EQ(g.next(), std::nullopt);
}

TEST(generator_native, throw_after_finish_rethrows) {
  event_log log;
  auto g = countdown(log, 1);
  g.next();
  g.next();
  ASSERT_TRUE(g.done());
  EXPECT_THROW(g.throw_(std::invalid_argument("late")), std::invalid_argument);
}

cosm::generator<int> returns_on_throw() {
  try {
    co_yield 1;
  } catch (const std::invalid_argument &) {
  }
}

TEST(generator_native, throw_then_return_gives_nullopt) {
  auto g = returns_on_throw();
  g.next();
  EXPECT_EQ(g.throw_(std::invalid_argument("x")), std::nullopt);
  EXPECT_TRUE(g.done());
}

// ---- close ----

TEST(generator_native, close_raises_generator_exit) {
  event_log log;
  auto f = finder(log, "python");
  f.next();
  f.close();
  EXPECT_TRUE(f.done());
  f.close(); // idempotent
  EXPECT_EQ(log.events, lines{"finder closing"});
}

TEST(generator_native, close_before_start_or_after_finish_is_a_no_op) {
  event_log log;
  auto g = countdown(log, 1);
  g.close();
  EXPECT_TRUE(g.done());
  EXPECT_TRUE(log.events.empty());
  auto h = countdown(log, 1);
  h.next();
  h.next();
  h.close();
  EXPECT_TRUE(h.done());
}

cosm::generator<int> stubborn() {
  bool exiting = false;
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    exiting = true;
  }
  if (exiting)
    co_yield 2;
}

TEST(generator_native, yielding_after_close_is_an_error) {
  auto s = stubborn();
  s.next();
  try {
    s.close();
    FAIL() << "close must throw";
  } catch (const cosm::generator_error &e) {
    EXPECT_STREQ(e.what(), "generator ignored generator_exit");
  }
  // As in Python, it stays suspended at the co_yield that ignored the exit.
  EXPECT_FALSE(s.done());
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_TRUE(s.done());
}

cosm::generator<int> returns_on_close(event_log &log) {
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    log.add("cleanup");
  }
}

cosm::generator<int> fails_on_close() {
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    throw std::logic_error("cleanup failed");
  }
}

TEST(generator_native, close_outcomes) {
  event_log log;
  auto r = returns_on_close(log);
  r.next();
  r.close(); // the body returns: quiet
  EXPECT_TRUE(r.done());
  EXPECT_EQ(log.events, lines{"cleanup"});
  auto f = fails_on_close();
  f.next();
  EXPECT_THROW(f.close(), std::logic_error);
  EXPECT_TRUE(f.done());
}

TEST(generator_native, generator_exit_is_not_a_runtime_error) {
  cosm::generator_exit e;
  EXPECT_STREQ(e.what(), "generator_exit");
  EXPECT_EQ(dynamic_cast<const std::runtime_error *>(
                static_cast<const std::exception *>(&e)),
            nullptr);
}

// ---- result ----

cosm::generator<int, void, std::string> returner() {
  co_yield 1;
  co_return "result";
}

TEST(generator_native, result_once_done) {
  auto r = returner();
  EXPECT_THROW(r.result(), cosm::generator_error); // not started
  r.next();
  EXPECT_THROW(r.result(), cosm::generator_error); // suspended
  EXPECT_EQ(r.next(), std::nullopt);
  EXPECT_EQ(r.result(), "result");
  const auto &cr = r;
  EXPECT_EQ(cr.result(), "result");
  std::string moved = std::move(r).result();
  EXPECT_EQ(moved, "result");
}

TEST(generator_native, no_result_after_an_exception_or_close) {
  auto r = returner();
  r.next();
  r.close();
  EXPECT_THROW(r.result(), cosm::generator_error);
  auto t = returner();
  t.next();
  EXPECT_THROW(t.throw_(std::runtime_error("x")), std::runtime_error);
  EXPECT_THROW(t.result(), cosm::generator_error);
}

TEST(generator_native, void_result) {
  event_log log;
  auto g = countdown(log, 1);
  EXPECT_THROW(g.result(), cosm::generator_error);
  for (int x : g)
    (void)x;
  EXPECT_NO_THROW(g.result());
}

cosm::generator<int> fails_midway() {
  co_yield 1;
  throw std::runtime_error("midway");
}

TEST(generator_native, body_exception_propagates_from_next) {
  auto g = fails_midway();
  g.next();
  EXPECT_THROW(g.next(), std::runtime_error);
  EXPECT_TRUE(g.done());
  EXPECT_EQ(g.next(), std::nullopt);
}

// ---- yield from ----

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

TEST(generator_native, yield_from_forwards_next_send_and_throw) {
  event_log log;
  auto o = outer(log);
  log.add(*o.next());
  log.add(*o.next());
  log.add(*o.send("A"));
  log.add(*o.throw_(std::invalid_argument("thrown")));
  log.add(*o.next());
  if (!o.next())
    log.add("outer stop");
  EXPECT_EQ(log.events,
            (lines{"o1", "i1", "inner got A", "i2", "inner caught thrown",
                   "i-recovered", "outer res inner-ret", "o2", "outer stop"}));
}

cosm::generator<int, void, int> immediate() { co_return 42; }

cosm::generator<int> takes_immediate(event_log &log) {
  int r = co_yield cosm::from(immediate());
  log.add("r " + std::to_string(r));
  co_yield r;
}

TEST(generator_native, delegate_that_never_yields) {
  event_log log;
  auto g = takes_immediate(log);
  EXPECT_EQ(g.next(), 42);
  EXPECT_EQ(log.events, lines{"r 42"});
}

cosm::generator<int, void, double> raising_sub() {
  co_yield 1;
  throw std::invalid_argument("from sub");
}

cosm::generator<int> catches_sub(event_log &log) {
  try {
    double d = co_yield cosm::from(raising_sub());
    log.add("no " + std::to_string(d));
  } catch (const std::invalid_argument &e) {
    log.add(std::string("outer caught ") + e.what());
  }
  co_yield 2;
}

TEST(generator_native, delegate_exception_is_raised_in_the_outer) {
  event_log log;
  auto g = catches_sub(log);
  EXPECT_EQ(g.next(), 1);
  EXPECT_EQ(g.next(), 2);
  EXPECT_EQ(log.events, lines{"outer caught from sub"});
}

cosm::generator<int> closable_sub(event_log &log) {
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    log.add("sub exit");
    throw;
  }
}

cosm::generator<int> closable_outer(event_log &log) {
  try {
    co_yield cosm::from(closable_sub(log));
  } catch (const cosm::generator_exit &) {
    log.add("outer exit");
    throw;
  }
}

TEST(generator_native, close_closes_the_delegate_first) {
  event_log log;
  auto g = closable_outer(log);
  g.next();
  g.close();
  EXPECT_TRUE(g.done());
  EXPECT_EQ(log.events, (lines{"sub exit", "outer exit"}));
}

TEST(generator_native, throwing_generator_exit_closes_the_delegate) {
  event_log log;
  auto g = closable_outer(log);
  g.next();
  EXPECT_THROW(g.throw_(cosm::generator_exit{}), cosm::generator_exit);
  EXPECT_TRUE(g.done());
  EXPECT_EQ(log.events, (lines{"sub exit", "outer exit"}));
}

cosm::generator<int> failing_close_sub() {
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    throw std::logic_error("sub close failed");
  }
}

cosm::generator<int> sees_sub_close_failure(event_log &log) {
  try {
    co_yield cosm::from(failing_close_sub());
  } catch (const std::logic_error &e) {
    log.add(std::string("outer got ") + e.what());
  }
}

TEST(generator_native, delegate_close_failure_replaces_generator_exit) {
  event_log log;
  auto g = sees_sub_close_failure(log);
  g.next();
  g.close(); // the outer returns: quiet
  EXPECT_EQ(log.events, lines{"outer got sub close failed"});
}

cosm::generator<int, void, int> level(int depth) {
  co_yield depth;
  if (depth > 0) {
    int below = co_yield cosm::from(level(depth - 1));
    co_return below + 1;
  }
  co_return 0;
}

cosm::generator<int> named_delegate() {
  auto sub = level(2);
  int height = co_yield cosm::from(std::move(sub));
  co_yield 100 + height;
}

TEST(generator_native, nested_and_named_delegates) {
  std::vector<int> seen;
  for (int x : named_delegate())
    seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{2, 1, 0, 102}));
}

// ---- running ----

struct self_ref {
  cosm::generator<int> *self = nullptr;
};

cosm::generator<int> resumes_itself(self_ref &ref, event_log &log) {
  try {
    ref.self->next();
  } catch (const cosm::generator_error &e) {
    log.add(e.what());
  }
  co_yield 1;
}

TEST(generator_native, resuming_a_running_generator_is_an_error) {
  event_log log;
  self_ref ref;
  auto g = resumes_itself(ref, log);
  ref.self = &g;
  EXPECT_EQ(g.next(), 1);
  EXPECT_EQ(log.events, lines{"generator already executing"});
}

cosm::generator<int> resumes_outer(self_ref &ref, event_log &log) {
  try {
    ref.self->close();
  } catch (const cosm::generator_error &e) {
    log.add(std::string("sub: ") + e.what());
  }
  co_yield 1;
  try {
    ref.self->next();
  } catch (const cosm::generator_error &e) {
    log.add(std::string("sub again: ") + e.what());
  }
}

cosm::generator<int> delegates_to_resumer(self_ref &ref, event_log &log) {
  co_yield cosm::from(resumes_outer(ref, log));
}

TEST(generator_native, resuming_the_outer_from_its_delegate_is_an_error) {
  event_log log;
  self_ref ref;
  auto g = delegates_to_resumer(ref, log);
  ref.self = &g;
  EXPECT_EQ(g.next(), 1);
  EXPECT_EQ(g.next(), std::nullopt);
  EXPECT_EQ(log.events, (lines{"sub: generator already executing",
                               "sub again: generator already executing"}));
}

// ---- lifetimes ----

cosm::generator<int> scoped(event_log &log) {
  tracer a(log, "a");
  co_yield 1;
  {
    tracer b(log, "b");
    co_yield 2;
  }
  tracer c(log, "c");
  co_yield 3;
}

TEST(generator_native, destroying_a_suspended_generator_destroys_live_locals) {
  lines expected[] = {{},
                      {"+a", "-a"},
                      {"+a", "+b", "-b", "-a"},
                      {"+a", "+b", "-b", "+c", "-c", "-a"}};
  for (int stop = 0; stop <= 3; ++stop) {
    event_log log;
    {
      auto g = scoped(log);
      for (int i = 0; i < stop; ++i)
        g.next();
    }
    EXPECT_EQ(log.events, expected[stop]) << "stopped after " << stop;
  }
}

cosm::generator<int> handler_must_not_run(event_log &log) {
  tracer t(log, "t");
  try {
    co_yield 1;
  } catch (...) {
    log.add("handler ran");
    throw;
  }
}

TEST(generator_native, destruction_runs_no_handler) {
  event_log log;
  {
    auto g = handler_must_not_run(log);
    g.next();
  }
  EXPECT_EQ(log.events, (lines{"+t", "-t"}));
}

cosm::generator<int> holds_delegate(event_log &log) {
  tracer outer_local(log, "outer");
  co_yield cosm::from(scoped(log));
}

TEST(generator_native, destroying_the_outer_destroys_the_delegate) {
  event_log log;
  {
    auto g = holds_delegate(log);
    g.next();
    g.next();
  }
  EXPECT_EQ(log.events, (lines{"+outer", "+a", "+b", "-b", "-a", "-outer"}));
}

TEST(generator_native, move_transfers_ownership) {
  event_log log;
  auto g = scoped(log);
  g.next();
  cosm::generator<int> h = std::move(g);
  EXPECT_TRUE(g.done()); // empty
  EXPECT_EQ(g.next(), std::nullopt);
  EXPECT_EQ(h.next(), 2);
  h = scoped(log); // destroys the old frame
  EXPECT_EQ(log.events, (lines{"+a", "+b", "-b", "-a"}));
  EXPECT_EQ(h.next(), 1);
}

// ---- methods ----

struct counter {
  int step = 2;
  cosm::generator<int> evens(int n) const {
    for (int i = 0; i < n; ++i)
      co_yield i *step;
  }
  static cosm::generator<int> ones(int n) {
    while (n-- > 0)
      co_yield 1;
  }
};

TEST(generator_native, member_coroutines) {
  counter c;
  std::vector<int> seen;
  for (int x : c.evens(3))
    seen.push_back(x);
  for (int x : counter::ones(2))
    seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{0, 2, 4, 1, 1}));
}

} // namespace
