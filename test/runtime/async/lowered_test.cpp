// Lowered mode, compiled as C++17: hand-written frames (lowered_frames.hpp)
// driven by the same loop, with the same results the native tests expect.
#include "lowered_frames.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <tuple>

using namespace cosm_test;

#if defined(__cpp_impl_coroutine)
#error "the lowered test must be compiled without coroutine support"
#endif

namespace {

TEST(Lowered, Greet) {
  EXPECT_EQ(cosm::run(lowered_frames::greet("Python")), "Hello, Python");
}

TEST(Lowered, RecursiveFib) {
  EXPECT_EQ(cosm::run(lowered_frames::fib(15)), 610);
  EXPECT_EQ(cosm::run(lowered_frames::fib(20)), 6765);
}

TEST(Lowered, IsLazy) {
  trace log;
  {
    auto t = lowered_frames::nap(log, 1, 1ms);
    EXPECT_TRUE(t.valid());
  }
  EXPECT_TRUE(log.empty());
}

TEST(Lowered, SleepingTasksInterleaveOnTheVirtualClock) {
  trace log;
  auto [a, b, c] = cosm::run(cosm::gather(lowered_frames::nap(log, 1, 100ms),
                                          lowered_frames::nap(log, 2, 50ms),
                                          lowered_frames::nap(log, 3, 100ms)),
                             virtual_clock());
  EXPECT_EQ(std::make_tuple(a, b, c), std::make_tuple(10, 20, 30));
  EXPECT_EQ(log, (trace{"start 1", "start 2", "start 3", "end 2 at 50",
                        "end 1 at 100", "end 3 at 100"}));
}

TEST(Lowered, SleepOnTheRealClock) {
  trace log;
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(cosm::run(lowered_frames::nap(log, 4, 20ms)), 40);
  auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(elapsed, 20ms);
  EXPECT_LT(elapsed, 500ms);
}

TEST(Lowered, HundredThousandDeepAwaitChain) {
  EXPECT_EQ(cosm::run(lowered_frames::chain(100000)), 100000);
}

TEST(Lowered, AwaitingAnArbitraryTask) {
  auto t =
      lowered_frames::add_one(lowered_frames::add_one(lowered_frames::fib(10)));
  EXPECT_EQ(cosm::run(std::move(t)), 57);
}

TEST(Lowered, CancellationRunsCleanupInTheFrame) {
  trace log;
  int destroyed = 0;
  EXPECT_THROW(
      cosm::run(cosm::wait_for(lowered_frames::guarded(&destroyed, log), 5ms),
                virtual_clock()),
      cosm::timeout_error);
  EXPECT_EQ(log, trace{"cancelled at 5"});
  EXPECT_EQ(destroyed, 1);
}

TEST(Lowered, SpawnedFramesAreCancelledAtRunEnd) {
  trace log;
  int destroyed = 0;
  // spawner returns at once; the nap keeps the loop going for 1 ms, long
  // enough for the spawned task to start sleeping. Then run's epilogue
  // cancels it, and its catch block and destructors run.
  struct spawner_frame final : cosm::lowered::task_frame<int> {
    trace &log;
    int *destroyed;
    spawner_frame(trace &log, int *destroyed)
        : log(log), destroyed(destroyed) {}
    cosm::lowered::frame_handle resume() override {
      cosm::spawn(lowered_frames::guarded(destroyed, log));
      cosm_return(3);
      return cosm_final();
    }
  };
  trace naps;
  auto [a, b] = cosm::run(
      cosm::gather(cosm::lowered::make_task<spawner_frame>(log, &destroyed),
                   lowered_frames::nap(naps, 1, 1ms)),
      virtual_clock());
  EXPECT_EQ(a + b, 13);
  EXPECT_EQ(log, trace{"cancelled at 1"});
  EXPECT_EQ(destroyed, 1);
}

TEST(Lowered, TaskCancelledBeforeItsFirstStepNeverRuns) {
  trace log;
  int destroyed = 0;
  struct spawner_frame final : cosm::lowered::task_frame<int> {
    trace &log;
    int *destroyed;
    spawner_frame(trace &log, int *destroyed)
        : log(log), destroyed(destroyed) {}
    cosm::lowered::frame_handle resume() override {
      cosm::spawn(lowered_frames::guarded(destroyed, log));
      cosm_return(3);
      return cosm_final();
    }
  };
  EXPECT_EQ(cosm::run(cosm::lowered::make_task<spawner_frame>(log, &destroyed)),
            3);
  EXPECT_TRUE(
      log.empty()); // asyncio: a task cancelled before it ran never runs
  EXPECT_EQ(destroyed, 0);
}

TEST(Lowered, ResumingARunningTaskIsAnError) {
  EXPECT_THROW(cosm::run(lowered_frames::reentrant()), std::logic_error);
}

TEST(Lowered, AwaitingTwiceIsAnError) {
  auto t = lowered_frames::greet("x");
  auto first = cosm::lowered::get_awaiter(t); // takes the task over
  EXPECT_FALSE(t.valid());
  EXPECT_THROW(cosm::lowered::get_awaiter(t), std::logic_error);
  EXPECT_THROW(cosm::run(std::move(t)), std::logic_error);
}

TEST(Lowered, ToThreadAndGatherVector) {
  std::vector<cosm::task<long>> tasks;
  for (int i = 0; i < 10; ++i)
    tasks.push_back(
        lowered_frames::add_one(cosm::to_thread([i] { return long(i); })));
  auto results = cosm::run(cosm::gather(std::move(tasks)));
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(results[i], i + 1);
}

TEST(Lowered, ExceptionsPropagateThroughFrames) {
  auto failing =
      cosm::to_thread([]() -> long { throw std::range_error("deep"); });
  EXPECT_THROW(cosm::run(lowered_frames::add_one(std::move(failing))),
               std::range_error);
}

} // namespace
