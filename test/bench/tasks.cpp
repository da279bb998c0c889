// Task and loop benchmarks, written once in C++20 and compiled twice:
// natively and lowered by cosm (see CMakeLists.txt). Every run uses the
// virtual clock, so no benchmark waits in real time and the loop makes no
// system call per step. The baselines are in baselines.cpp.
#include "bench.hpp"

#include <cosm/cosm.hpp>

#include <chrono>
#include <vector>

namespace {

using cosm_bench::opaque;
using namespace std::chrono_literals;

cosm::run_options virtual_clock() {
  cosm::run_options options;
  options.virtual_clock = true;
  return options;
}

// ---- task.switch: N tasks taking turns through the ready queue ----

cosm::task<void> pinger(int rounds) {
  for (int i = 0; i < rounds; ++i)
    co_await cosm::sleep(0ms);
}

cosm::task<void> ping_pong(int tasks, int rounds) {
  std::vector<cosm::task<void>> children;
  children.reserve(tasks);
  for (int i = 0; i < tasks; ++i)
    children.push_back(pinger(rounds));
  co_await cosm::gather(std::move(children));
}

// Arg: number of tasks; each yields switch_rounds times. Items: task switches.
void task_switch(benchmark::State &state) {
  const int tasks = static_cast<int>(state.range(0));
  const int rounds = cosm_bench::switch_rounds;
  for (auto _ : state)
    cosm::run(ping_pong(tasks, rounds), virtual_clock());
  state.SetItemsProcessed(state.iterations() * tasks * rounds);
}
COSM_BENCH("task.switch", task_switch)->Arg(10)->Arg(1000);

// ---- task.await: awaiting a task that returns at once ----

cosm::task<int> identity(int i) { co_return i; }

cosm::task<long> await_many(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i)
    sum += co_await identity(i);
  co_return sum;
}

// Arg: awaits per run. Items: awaits (each creates, runs and frees a task).
void task_await(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    long sum = cosm::run(await_many(n), virtual_clock());
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH("task.await", task_await)->Arg(10000);

// ---- timer.fire: N timers with distinct deadlines armed, then fired ----

cosm::task<void> sleeper(long ns) {
  co_await cosm::sleep(std::chrono::nanoseconds(ns));
}

// Armed latest deadline first, so that every arm sifts to the top of the
// heap; they fire in deadline order, one clock jump each.
cosm::task<void> sleepers(int n) {
  std::vector<cosm::task<void>> children;
  children.reserve(n);
  for (int i = 0; i < n; ++i)
    children.push_back(sleeper(n - i));
  co_await cosm::gather(std::move(children));
}

// Arg: timers per run. Items: timers (each also starts and ends its task).
void timer_fire(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state)
    cosm::run(sleepers(n), virtual_clock());
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH("timer.fire", timer_fire)->Arg(1000)->Arg(100000);

} // namespace
