// gather: start order, result order, void children, failures.
#include "support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>

using namespace cosm_test;

namespace {

cosm::task<int> after(trace &log, std::chrono::milliseconds d, int v) {
  log.push_back("start " + std::to_string(v));
  co_await cosm::sleep(d);
  log.push_back("end " + std::to_string(v));
  co_return v;
}

cosm::task<void> nothing(trace &log) {
  log.push_back("nothing");
  co_return;
}

TEST(NativeGather, StartsInArgumentOrderResultsInArgumentOrder) {
  trace log;
  auto body = [&]() -> cosm::task<std::tuple<int, int, int>> {
    co_return co_await cosm::gather(after(log, 30ms, 1), after(log, 10ms, 2),
                                    after(log, 20ms, 3));
  };
  auto r = cosm::run(body(), virtual_clock());
  EXPECT_EQ(r, std::make_tuple(1, 2, 3));
  EXPECT_EQ(
      log, (trace{"start 1", "start 2", "start 3", "end 2", "end 3", "end 1"}));
}

TEST(NativeGather, VoidChildrenGiveNone) {
  trace log;
  auto body = [&]() -> cosm::task<void> {
    auto r = co_await cosm::gather(nothing(log), after(log, 1ms, 5));
    static_assert(std::is_same_v<decltype(r), std::tuple<cosm::none_t, int>>);
    EXPECT_EQ(std::get<1>(r), 5);
    EXPECT_EQ(std::get<0>(r), cosm::none_t{});
  };
  cosm::run(body(), virtual_clock());
  EXPECT_EQ(log, (trace{"nothing", "start 5", "end 5"}));
}

TEST(NativeGather, VectorForm) {
  trace log;
  auto body = [&]() -> cosm::task<std::vector<int>> {
    std::vector<cosm::task<int>> tasks;
    for (int i = 0; i < 5; ++i)
      tasks.push_back(after(log, std::chrono::milliseconds(10 - 2 * i), i));
    co_return co_await cosm::gather(std::move(tasks));
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()),
            (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(log.front(), "start 0");
  EXPECT_EQ(log.back(), "end 0");
}

TEST(NativeGather, VectorOfVoidAndEmptyVector) {
  trace log;
  auto body = [&]() -> cosm::task<int> {
    std::vector<cosm::task<void>> tasks;
    tasks.push_back(nothing(log));
    tasks.push_back(nothing(log));
    static_assert(std::is_same_v<decltype(cosm::gather(std::move(tasks))),
                                 cosm::task<void>>);
    co_await cosm::gather(std::move(tasks));
    std::vector<int> none =
        co_await cosm::gather(std::vector<cosm::task<int>>{});
    co_return static_cast<int>(none.size());
  };
  EXPECT_EQ(cosm::run(body()), 0);
  EXPECT_EQ(log, (trace{"nothing", "nothing"}));
}

TEST(NativeGather, FirstFailureIsRethrownAfterTheOthersAreCancelled) {
  trace log;
  int destroyed = 0;
  auto failing = [&]() -> cosm::task<int> {
    co_await cosm::sleep(5ms);
    throw std::runtime_error("child failed");
  };
  auto slow = [&]() -> cosm::task<int> {
    counted c(&destroyed);
    try {
      co_await cosm::sleep(1h);
    } catch (const cosm::cancelled_error &) {
      log.push_back("slow cancelled at " + std::to_string(ms_now()));
      throw;
    }
    co_return 0;
  };
  auto body = [&]() -> cosm::task<std::string> {
    try {
      co_await cosm::gather(slow(), failing(), after(log, 1ms, 3));
    } catch (const std::runtime_error &e) {
      co_return std::string(e.what()) + " at " + std::to_string(ms_now());
    }
    co_return "no error";
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), "child failed at 5");
  EXPECT_EQ(log, (trace{"start 3", "end 3", "slow cancelled at 5"}));
  EXPECT_EQ(destroyed, 1);
}

TEST(NativeGather, FailureOfAnUnstartedGatherDestroysChildren) {
  int destroyed = 0;
  auto child = [&]() -> cosm::task<int> {
    counted c(&destroyed);
    co_return 1;
  };
  {
    auto g = cosm::gather(child(), child());
  } // never awaited: children never ran
  EXPECT_EQ(destroyed, 0);
  auto body = [&]() -> cosm::task<int> {
    auto [a, b] = co_await cosm::gather(child(), child());
    co_return a + b;
  };
  EXPECT_EQ(cosm::run(body()), 2);
  EXPECT_EQ(destroyed, 2);
}

TEST(NativeGather, NestedGathers) {
  trace log;
  auto pair = [&](int base) -> cosm::task<int> {
    auto [a, b] =
        co_await cosm::gather(after(log, 2ms, base), after(log, 1ms, base + 1));
    co_return a + b;
  };
  auto body = [&]() -> cosm::task<int> {
    auto [x, y] = co_await cosm::gather(pair(10), pair(20));
    co_return x + y;
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), 62);
}

TEST(NativeGather, ManyChildren) {
  auto leaf = [](int i) -> cosm::task<int> {
    co_await cosm::sleep(std::chrono::microseconds(i % 7));
    co_return i;
  };
  auto body = [&]() -> cosm::task<long long> {
    std::vector<cosm::task<int>> tasks;
    for (int i = 0; i < 10000; ++i)
      tasks.push_back(leaf(i));
    auto results = co_await cosm::gather(std::move(tasks));
    long long sum = 0;
    for (int i = 0; i < 10000; ++i) {
      EXPECT_EQ(results[i], i);
      sum += results[i];
    }
    co_return sum;
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), 49995000);
}

} // namespace
