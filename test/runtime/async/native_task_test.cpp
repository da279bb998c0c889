// cosm::task<T> natively: laziness, results and exceptions across awaits,
// misuse errors, deep chains, and the seed's async lessons
// (shared/reference/async_basics.py) line for line.
#include "support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>

using namespace cosm_test;

namespace {

cosm::task<std::string> greet(std::string name) { co_return "Hello, " + name; }

cosm::task<long> fib(int n) {
  if (n <= 1)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2);
}

cosm::task<int> boom(int n) {
  co_await cosm::sleep(0ms);
  if (n == 3)
    throw std::invalid_argument("bad " + std::to_string(n));
  co_return n;
}

cosm::task<std::map<std::string, long>> keyed() {
  std::map<std::string, long> d;
  d[co_await greet("key")] = co_await fib(10);
  co_return d;
}

cosm::task<void> count(trace &log, int tag) {
  log.push_back("One " + std::to_string(tag));
  co_await cosm::sleep(100ms);
  log.push_back("Two " + std::to_string(tag));
}

cosm::task<std::string> phase1(trace &log) {
  log.push_back("in phase1");
  co_await cosm::sleep(10ms);
  co_return "phase1 result";
}

cosm::task<std::string> phase2(trace &log, std::string arg) {
  log.push_back("in phase2");
  co_await cosm::sleep(10ms);
  co_return "phase2 derived from " + arg;
}

cosm::task<std::tuple<std::string, std::string>> outer(trace &log) {
  log.push_back("in outer");
  std::string r1 = co_await phase1(log);
  std::string r2 = co_await phase2(log, r1);
  co_return std::make_tuple(r1, r2);
}

cosm::task<void> basics(trace &log) {
  log.push_back(co_await greet("Python"));
  log.push_back("fib 15 " + std::to_string(co_await fib(15)));
  for (auto &[k, v] : co_await keyed())
    log.push_back("{" + k + ": " + std::to_string(v) + "}");
  try {
    co_await boom(3);
  } catch (const std::invalid_argument &e) {
    log.push_back(std::string("caught ") + e.what());
  }
  auto t0 = cosm::now();
  co_await cosm::gather(count(log, 1), count(log, 2), count(log, 3));
  log.push_back(std::string("three counts concurrently under 0.2s: ") +
                (cosm::now() - t0 < 200ms ? "True" : "False"));
  auto [r1, r2] = co_await outer(log);
  log.push_back("(" + r1 + ", " + r2 + ")");
  auto [a, b, c] = co_await cosm::gather(boom(1), boom(2), fib(20));
  log.push_back("[" + std::to_string(a) + ", " + std::to_string(b) + ", " +
                std::to_string(c) + "]");
}

const trace basics_expected = {
    "Hello, Python",
    "fib 15 610",
    "{Hello, key: 55}",
    "caught bad 3",
    "One 1",
    "One 2",
    "One 3",
    "Two 1",
    "Two 2",
    "Two 3",
    "three counts concurrently under 0.2s: True",
    "in outer",
    "in phase1",
    "in phase2",
    "(phase1 result, phase2 derived from phase1 result)",
    "[1, 2, 6765]",
};

TEST(NativeTask, AsyncBasicsMatchesPythonOnVirtualClock) {
  trace log;
  cosm::run(basics(log), virtual_clock());
  EXPECT_EQ(log, basics_expected);
}

TEST(NativeTask, AsyncBasicsMatchesPythonOnRealClock) {
  trace log;
  cosm::run(basics(log));
  EXPECT_EQ(log, basics_expected);
}

TEST(NativeTask, TaskClassIsTheModeIndependentOne) {
  static_assert(!std::is_copy_constructible_v<cosm::task<int>>);
  static_assert(std::is_nothrow_move_constructible_v<cosm::task<int>>);
  static_assert(sizeof(cosm::task<int>) == sizeof(void *));
  static_assert(std::is_same_v<cosm::task<>, cosm::task<void>>);
}

TEST(NativeTask, IsLazy) {
  bool ran = false;
  auto body = [&]() -> cosm::task<int> {
    ran = true;
    co_return 1;
  };
  {
    cosm::task<int> t = body();
    EXPECT_FALSE(ran);
  } // destroyed unstarted
  EXPECT_FALSE(ran);
  EXPECT_EQ(cosm::run(body()), 1);
  EXPECT_TRUE(ran);
}

TEST(NativeTask, RunReturnsValueAndRethrows) {
  EXPECT_EQ(cosm::run(greet("x")), "Hello, x");
  auto failing = []() -> cosm::task<int> {
    throw std::runtime_error("nope");
    co_return 0;
  };
  EXPECT_THROW(cosm::run(failing()), std::runtime_error);
  EXPECT_EQ(cosm::run(fib(20)), 6765); // callable repeatedly
}

TEST(NativeTask, ExceptionsCrossAwaitsWithTheirDynamicType) {
  struct custom_error : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  auto inner = []() -> cosm::task<void> {
    co_await cosm::sleep(1ms);
    throw custom_error("deep");
  };
  auto middle = [&]() -> cosm::task<int> {
    co_await inner();
    co_return 1;
  };
  auto outer_task = [&]() -> cosm::task<std::string> {
    try {
      co_await middle();
    } catch (const custom_error &e) {
      co_return std::string("caught ") + e.what();
    }
    co_return "not caught";
  };
  EXPECT_EQ(cosm::run(outer_task(), virtual_clock()), "caught deep");
}

TEST(NativeTask, MoveOnlyResults) {
  auto make = []() -> cosm::task<std::unique_ptr<int>> {
    co_return std::make_unique<int>(42);
  };
  auto use = [&]() -> cosm::task<int> {
    std::unique_ptr<int> p = co_await make();
    co_return *p;
  };
  EXPECT_EQ(cosm::run(use()), 42);
}

TEST(NativeTask, AwaitingTwiceThrows) {
  auto body = []() -> cosm::task<std::string> {
    cosm::task<std::string> t = greet("once");
    std::string first = co_await t; // an lvalue task is consumed
    try {
      co_await t;
    } catch (const std::logic_error &) {
      co_return first + " then logic_error";
    }
    co_return "no error";
  };
  EXPECT_EQ(cosm::run(body()), "Hello, once then logic_error");
}

TEST(NativeTask, AwaitingMovedFromTaskThrows) {
  auto body = []() -> cosm::task<bool> {
    cosm::task<long> t = fib(3);
    cosm::task<long> u = std::move(t);
    bool refused = false;
    try {
      co_await std::move(t);
    } catch (const std::logic_error &) {
      refused = true;
    }
    co_return refused &&co_await std::move(u) == 2;
  };
  EXPECT_TRUE(cosm::run(body()));
}

TEST(NativeTask, RunOfEmptyTaskThrows) {
  cosm::task<long> t = fib(1);
  cosm::task<long> u = std::move(t);
  EXPECT_THROW(cosm::run(std::move(t)), std::logic_error);
}

cosm::task<int> depth(int n) {
  if (n == 0)
    co_return 0;
  co_return 1 + co_await depth(n - 1);
}

TEST(NativeTask, HundredThousandDeepAwaitChain) {
  EXPECT_EQ(cosm::run(depth(100000)), 100000);
}

TEST(NativeTask, DeepChainThroughSuspensions) {
  // Every level suspends on the loop before returning: each completion is a
  // separate resumption from the loop, still in constant stack.
  struct rec {
    static cosm::task<long> go(int n) {
      if (n == 0)
        co_return 0;
      long below = co_await go(n - 1);
      co_await cosm::sleep(0ms);
      co_return below + 1;
    }
  };
  EXPECT_EQ(cosm::run(rec::go(100000)), 100000);
}

TEST(NativeTask, CoroutineMethods) {
  struct account {
    int balance = 10;
    cosm::task<int> deposit(int n) {
      co_await cosm::sleep(0ms);
      balance += n;
      co_return balance;
    }
    static cosm::task<int> twice(account &a, int n) {
      co_await a.deposit(n);
      co_return co_await a.deposit(n);
    }
  };
  account a;
  EXPECT_EQ(cosm::run(account::twice(a, 5)), 20);
}

TEST(NativeTask, LocalsDestroyedWhenTaskFinishes) {
  int destroyed = 0;
  auto body = [&]() -> cosm::task<void> {
    counted c(&destroyed);
    co_await cosm::sleep(1ms);
    EXPECT_EQ(destroyed, 0);
  };
  cosm::run(body(), virtual_clock());
  EXPECT_EQ(destroyed, 1);
}

} // namespace
