// to_thread: results and exceptions come back on the loop thread.
#include "support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

using namespace cosm_test;

namespace {

TEST(NativeToThread, ResultComesBackOnTheLoopThread) {
  auto body = []() -> cosm::task<bool> {
    const auto loop_thread = std::this_thread::get_id();
    std::thread::id worker;
    int v = co_await cosm::to_thread([&worker] {
      worker = std::this_thread::get_id();
      return 6 * 7;
    });
    EXPECT_EQ(v, 42);
    EXPECT_NE(worker, loop_thread);
    co_return std::this_thread::get_id() == loop_thread;
  };
  EXPECT_TRUE(cosm::run(body()));
}

TEST(NativeToThread, ExceptionsAndVoidAndMoveOnly) {
  auto body = []() -> cosm::task<std::string> {
    std::string log;
    try {
      co_await cosm::to_thread(
          []() -> int { throw std::domain_error("pool"); });
    } catch (const std::domain_error &e) {
      log += e.what();
    }
    bool called = false;
    co_await cosm::to_thread([&called] { called = true; });
    log += called ? " void" : " ?";
    auto p = std::make_unique<int>(3);
    // Named first: GCC 12 destroys an init-capture lambda temporary twice
    // when it sits inside a co_await expression (a compiler bug, reproduced
    // with any coroutine type).
    auto give_back = [p = std::move(p)]() mutable { return std::move(p); };
    std::unique_ptr<int> back = co_await cosm::to_thread(std::move(give_back));
    log += " " + std::to_string(*back);
    co_return log;
  };
  EXPECT_EQ(cosm::run(body()), "pool void 3");
}

TEST(NativeToThread, RunsConcurrentlyWithTheLoop) {
  auto body = []() -> cosm::task<int> {
    auto blocking = [] {
      std::this_thread::sleep_for(100ms);
      return 1;
    };
    auto t0 = std::chrono::steady_clock::now();
    auto [a, b, c, d] = co_await cosm::gather(
        cosm::to_thread(blocking), cosm::to_thread(blocking),
        cosm::to_thread(blocking), cosm::to_thread(blocking));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 300ms); // not 400 ms
    co_return a + b + c + d;
  };
  EXPECT_EQ(cosm::run(body()), 4);
}

TEST(NativeToThread, WorksWithTheVirtualClock) {
  auto body = []() -> cosm::task<int> {
    co_await cosm::sleep(5s);
    int v = co_await cosm::to_thread([] { return 5; });
    co_return v + static_cast<int>(ms_now() / 1000);
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), 10);
}

TEST(NativeToThread, ManyJobs) {
  auto body = []() -> cosm::task<long long> {
    std::vector<cosm::task<int>> jobs;
    for (int i = 0; i < 500; ++i)
      jobs.push_back(cosm::to_thread([i] { return i; }));
    long long sum = 0;
    for (int v : co_await cosm::gather(std::move(jobs)))
      sum += v;
    co_return sum;
  };
  EXPECT_EQ(cosm::run(body()), 124750);
}

} // namespace
