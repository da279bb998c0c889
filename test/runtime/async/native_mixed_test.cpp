// Native and lowered tasks together (a C++20 program that lowers some files
// and not others): each awaits the other, and the lowered frames behave like
// their native originals.
#include "lowered_frames.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace cosm_test;

namespace {

namespace native {

cosm::task<std::string> greet(std::string name) { co_return "Hello, " + name; }

cosm::task<long> fib(int n) {
  if (n <= 1)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2);
}

cosm::task<int> nap(trace &log, int id, std::chrono::milliseconds d) {
  log.push_back("start " + std::to_string(id));
  co_await cosm::sleep(d);
  log.push_back("end " + std::to_string(id) + " at " +
                std::to_string(ms_now()));
  co_return id * 10;
}

cosm::task<void> guarded(int *destroyed, trace &log) {
  counted c(destroyed);
  try {
    co_await cosm::sleep(std::chrono::hours(1));
    log.push_back("woke");
  } catch (const cosm::cancelled_error &) {
    log.push_back("cancelled at " + std::to_string(ms_now()));
    throw;
  }
}

} // namespace native

TEST(Mixed, LoweredFramesBehaveLikeNativeOnes) {
  EXPECT_EQ(cosm::run(lowered_frames::greet("x")),
            cosm::run(native::greet("x")));
  EXPECT_EQ(cosm::run(lowered_frames::fib(18)), cosm::run(native::fib(18)));

  auto naps = [](auto nap) {
    trace log;
    auto r = cosm::run(cosm::gather(nap(log, 1, 30ms), nap(log, 2, 10ms)),
                       virtual_clock());
    log.push_back(std::to_string(std::get<0>(r) + std::get<1>(r)));
    return log;
  };
  EXPECT_EQ(naps(lowered_frames::nap), naps(native::nap));

  auto cancelled = [](auto guarded) {
    trace log;
    int destroyed = 0;
    try {
      cosm::run(cosm::wait_for(guarded(&destroyed, log), 7ms), virtual_clock());
    } catch (const cosm::timeout_error &) {
      log.push_back("timeout");
    }
    log.push_back(std::to_string(destroyed));
    return log;
  };
  EXPECT_EQ(cancelled(lowered_frames::guarded), cancelled(native::guarded));
  EXPECT_EQ(cancelled(native::guarded),
            (trace{"cancelled at 7", "timeout", "1"}));
}

TEST(Mixed, NativeAwaitsLoweredAndBack) {
  auto body = []() -> cosm::task<std::string> {
    std::string g = co_await lowered_frames::greet("mixed");
    long f = co_await lowered_frames::add_one(native::fib(10));
    co_return g + " " + std::to_string(f);
  };
  EXPECT_EQ(cosm::run(body()), "Hello, mixed 56");
}

cosm::task<long> alternate(int n) {
  if (n == 0)
    co_return 0;
  // native -> lowered -> native -> ... : every level crosses the boundary.
  co_return co_await lowered_frames::add_one(alternate(n - 1));
}

TEST(Mixed, HundredThousandDeepAlternatingChain) {
  EXPECT_EQ(cosm::run(alternate(100000)), 100000);
}

TEST(Mixed, DeepLoweredChainUnderNativeMain) {
  auto body = []() -> cosm::task<int> {
    int a = co_await lowered_frames::chain(100000);
    co_return a + 1;
  };
  EXPECT_EQ(cosm::run(body()), 100001);
}

TEST(Mixed, ResumingARunningLoweredTaskIsAnError) {
  auto body = []() -> cosm::task<bool> {
    try {
      co_await lowered_frames::reentrant();
    } catch (const std::logic_error &) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(cosm::run(body()));
}

} // namespace
