// The loop: ordering guarantees, timers, the virtual clock, run's lifecycle.
#include "support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <coroutine>
#include <stdexcept>
#include <string>

using namespace cosm_test;

namespace {

cosm::task<void> ticker(trace &log, std::string name, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    log.push_back(name + std::to_string(i));
    co_await cosm::sleep(0ms);
  }
}

TEST(NativeLoop, SleepZeroIsRoundRobin) {
  trace log;
  auto body = [&]() -> cosm::task<void> {
    auto a = cosm::spawn(ticker(log, "a", 3));
    auto b = cosm::spawn(ticker(log, "b", 3));
    auto c = cosm::spawn(ticker(log, "c", 3));
    co_await a;
    co_await b;
    co_await c;
  };
  cosm::run(body());
  EXPECT_EQ(log, (trace{"a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"}));
}

TEST(NativeLoop, SpawnRunsOnALaterIteration) {
  trace log;
  auto child = [&]() -> cosm::task<void> {
    log.push_back("child");
    co_return;
  };
  auto body = [&]() -> cosm::task<void> {
    auto h = cosm::spawn(child());
    log.push_back("after spawn");
    co_await cosm::sleep(0ms);
    log.push_back("after yield");
    co_await h;
  };
  cosm::run(body());
  EXPECT_EQ(log, (trace{"after spawn", "child", "after yield"}));
}

TEST(NativeLoop, EqualDeadlinesFireInArmedOrder) {
  trace log;
  // Task i arms its second timer at time 4 - i, all for time 100: armed
  // order is 4, 3, 2, 1, 0, the reverse of spawn order.
  auto sleeper = [&](int i) -> cosm::task<void> {
    co_await cosm::sleep(std::chrono::milliseconds(4 - i));
    co_await cosm::sleep(std::chrono::milliseconds(96 + i));
    log.push_back(std::to_string(i) + "@" + std::to_string(ms_now()));
  };
  auto body = [&]() -> cosm::task<void> {
    std::vector<cosm::task<void>> all;
    for (int i = 0; i < 5; ++i)
      all.push_back(sleeper(i));
    co_await cosm::gather(std::move(all));
  };
  cosm::run(body(), virtual_clock());
  EXPECT_EQ(log, (trace{"4@100", "3@100", "2@100", "1@100", "0@100"}));
}

TEST(NativeLoop, TimersFireInDeadlineOrder) {
  std::vector<int> woke;
  auto sleeper = [&](int ms) -> cosm::task<void> {
    co_await cosm::sleep(std::chrono::milliseconds(ms));
    EXPECT_EQ(ms_now(), ms);
    woke.push_back(ms);
  };
  auto body = [&]() -> cosm::task<void> {
    std::vector<cosm::task<void>> all;
    for (int i = 0; i < 2000; ++i)
      all.push_back(sleeper((i * 7919) % 2000 + 1));
    co_await cosm::gather(std::move(all));
  };
  cosm::run(body(), virtual_clock());
  ASSERT_EQ(woke.size(), 2000u);
  EXPECT_TRUE(std::is_sorted(woke.begin(), woke.end()));
}

TEST(NativeLoop, VirtualClockJumpsExactlyAndNeverSleeps) {
  auto body = []() -> cosm::task<long long> {
    EXPECT_EQ(cosm::now().time_since_epoch().count(), 0);
    co_await cosm::sleep(std::chrono::hours(12));
    co_await cosm::sleep(std::chrono::duration<double>(0.25));
    co_await cosm::sleep(1500us);
    co_await cosm::sleep(3ns);
    co_return cosm::now().time_since_epoch().count();
  };
  auto real_start = std::chrono::steady_clock::now();
  long long ns = cosm::run(body(), virtual_clock());
  EXPECT_EQ(ns, 12LL * 3600 * 1000000000 + 250000000 + 1500000 + 3);
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 1s);
}

TEST(NativeLoop, VirtualClockStandsStillWhileTasksAreReady) {
  auto busy = []() -> cosm::task<void> {
    for (int i = 0; i < 1000; ++i) {
      EXPECT_EQ(ms_now(), 0);
      co_await cosm::sleep(0ms);
    }
  };
  auto late = []() -> cosm::task<long long> {
    co_await cosm::sleep(10ms);
    co_return ms_now();
  };
  auto body = [&]() -> cosm::task<long long> {
    auto [none, at] = co_await cosm::gather(busy(), late());
    (void)none;
    co_return at;
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), 10);
}

TEST(NativeLoop, ChessExhibitionInVirtualTime) {
  // The seed's exhibition: the master plays 24 boards, 5 s per own move (she
  // can make one move at a time), 55 s per opponent move, 30 move pairs. 12 h
  // one board after the other; concurrently 30 rounds of 24 * 5 s, plus the
  // last opponent's last move.
  using namespace std::chrono;
  cosm::clock::time_point master_free{};
  auto board = [&](int) -> cosm::task<void> {
    for (int move = 0; move < 30; ++move) {
      while (master_free > cosm::now())
        co_await cosm::sleep(master_free - cosm::now());
      master_free = cosm::now() + 5s;
      co_await cosm::sleep(5s);  // her move
      co_await cosm::sleep(55s); // the opponent's
    }
  };
  auto body = [&]() -> cosm::task<long long> {
    std::vector<cosm::task<void>> boards;
    for (int b = 0; b < 24; ++b)
      boards.push_back(board(b));
    co_await cosm::gather(std::move(boards));
    co_return duration_cast<seconds>(cosm::now().time_since_epoch()).count();
  };
  auto real_start = steady_clock::now();
  EXPECT_EQ(cosm::run(body(), virtual_clock()), 30 * 24 * 5 + 55);
  EXPECT_LT(steady_clock::now() - real_start, 1s);
}

TEST(NativeLoop, RealClockSleepIsAccurate) {
  auto body = []() -> cosm::task<std::chrono::nanoseconds> {
    auto t0 = cosm::now();
    co_await cosm::sleep(20ms);
    co_return cosm::now() - t0;
  };
  auto elapsed = cosm::run(body());
  EXPECT_GE(elapsed, 20ms);
  EXPECT_LT(elapsed, 500ms);
}

TEST(NativeLoop, OutsideRunIsAClearError) {
  trace log;
  EXPECT_THROW(cosm::now(), std::logic_error);
  EXPECT_THROW((void)cosm::spawn(ticker(log, "x", 0)), std::logic_error);
}

TEST(NativeLoop, RunEndCancelsLeftoverTasks) {
  trace log;
  auto forever = [&]() -> cosm::task<void> {
    try {
      for (;;)
        co_await cosm::sleep(1h);
    } catch (const cosm::cancelled_error &) {
      log.push_back("cancelled");
      throw;
    }
  };
  auto body = [&]() -> cosm::task<int> {
    (void)cosm::spawn(forever());
    co_await cosm::sleep(1ms);
    co_return 5;
  };
  auto real_start = std::chrono::steady_clock::now();
  EXPECT_EQ(cosm::run(body()), 5);
  EXPECT_EQ(log, trace{"cancelled"});
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 1s);
}

TEST(NativeLoop, RunIsRepeatable) {
  for (int i = 0; i < 200; ++i) {
    trace log;
    cosm::run(ticker(log, "r", 2),
              i % 2 ? virtual_clock() : cosm::run_options{});
    ASSERT_EQ(log, (trace{"r0", "r1"}));
  }
}

TEST(NativeLoop, NestedRunIsRefused) {
  auto body = []() -> cosm::task<bool> {
    trace log;
    try {
      cosm::run(ticker(log, "x", 0));
    } catch (const std::logic_error &) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(cosm::run(body()));
}

struct never_resumes {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

TEST(NativeLoop, DeadlockIsReportedAndTheChainDestroyed) {
  int destroyed = 0;
  auto body = [&]() -> cosm::task<void> {
    counted c(&destroyed);
    co_await never_resumes{};
  };
  EXPECT_THROW(cosm::run(body()), std::logic_error);
  EXPECT_EQ(destroyed, 1);
  trace log;
  cosm::run(ticker(log, "again", 1)); // the thread is usable again
  EXPECT_EQ(log, trace{"again0"});
}

} // namespace
