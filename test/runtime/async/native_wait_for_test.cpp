// wait_for: in time, timeout exactly d later with the inner task cancelled.
#include "support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace cosm_test;

namespace {

cosm::task<int> after(std::chrono::milliseconds d, int v) {
  co_await cosm::sleep(d);
  co_return v;
}

TEST(NativeWaitFor, CompletesInTime) {
  auto body = []() -> cosm::task<std::string> {
    int v = co_await cosm::wait_for(after(5ms, 8), 10ms);
    co_return std::to_string(v) + " at " + std::to_string(ms_now());
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), "8 at 5");
}

TEST(NativeWaitFor, TimesOutExactlyAndCancelsTheInnerTask) {
  trace log;
  int destroyed = 0;
  auto inner = [&]() -> cosm::task<int> {
    counted c(&destroyed);
    try {
      co_await cosm::sleep(1h);
    } catch (const cosm::cancelled_error &) {
      log.push_back("inner cancelled at " + std::to_string(ms_now()));
      throw;
    }
    co_return 1;
  };
  auto body = [&]() -> cosm::task<std::string> {
    co_await cosm::sleep(3ms);
    try {
      co_await cosm::wait_for(inner(), std::chrono::duration<double>(0.25));
    } catch (const cosm::timeout_error &) {
      co_return "timeout at " + std::to_string(ms_now());
    }
    co_return "no timeout";
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), "timeout at 253");
  EXPECT_EQ(log, trace{"inner cancelled at 253"});
  EXPECT_EQ(destroyed, 1);
}

TEST(NativeWaitFor, InnerExceptionPropagates) {
  auto failing = []() -> cosm::task<void> {
    co_await cosm::sleep(1ms);
    throw std::out_of_range("inner");
  };
  auto body = [&]() -> cosm::task<std::string> {
    try {
      co_await cosm::wait_for(failing(), 1s);
    } catch (const std::out_of_range &e) {
      co_return e.what();
    }
    co_return "";
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), "inner");
}

TEST(NativeWaitFor, ZeroTimeoutNeverStartsTheTask) {
  bool ran = false;
  auto inner = [&]() -> cosm::task<int> {
    ran = true;
    co_return 1;
  };
  auto body = [&]() -> cosm::task<bool> {
    try {
      co_await cosm::wait_for(inner(), 0ms);
    } catch (const cosm::timeout_error &) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(cosm::run(body()));
  EXPECT_FALSE(ran);
}

TEST(NativeWaitFor, RealClockTimeout) {
  auto body = []() -> cosm::task<std::chrono::nanoseconds> {
    auto t0 = cosm::now();
    try {
      co_await cosm::wait_for(after(1h, 0), 20ms);
    } catch (const cosm::timeout_error &) {
    }
    co_return cosm::now() - t0;
  };
  auto elapsed = cosm::run(body());
  EXPECT_GE(elapsed, 20ms);
  EXPECT_LT(elapsed, 500ms);
}

TEST(NativeWaitFor, NestedTimeoutsTheInnerFiresFirst) {
  auto body = []() -> cosm::task<std::string> {
    try {
      co_await cosm::wait_for(cosm::wait_for(after(1h, 0), 5ms), 10ms);
    } catch (const cosm::timeout_error &) {
      co_return "timeout at " + std::to_string(ms_now());
    }
    co_return "";
  };
  EXPECT_EQ(cosm::run(body(), virtual_clock()), "timeout at 5");
}

} // namespace
