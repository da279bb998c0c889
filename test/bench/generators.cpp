// Generator benchmarks, written once in C++20 and compiled twice: natively and
// lowered by cosm (see CMakeLists.txt). The baselines they are compared with
// are in baselines.cpp; docs/benchmarks.md explains each group.
#include "bench.hpp"

#include <cosm/generator.hpp>

namespace {

using cosm_bench::opaque;

// ---- gen.countdown: a generator consumed where it was created ----

cosm::generator<int> countdown(int n) {
  while (n > 0) {
    co_yield n;
    --n;
  }
}

// The consumer is a function of its own, as in a program (and because clang
// elides no coroutine frame created right inside Google Benchmark's loop).
long sum_countdown(int n) {
  long sum = 0;
  for (int x : countdown(n)) {
    opaque(x);
    sum += x;
  }
  return sum;
}

// Arg: values per generator (1000: per-value cost; 1: create, one value,
// destroy).
void countdown_sum(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = sum_countdown(n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH("gen.countdown", countdown_sum)->Arg(cosm_bench::gen_items)->Arg(1);

// ---- gen.send: a generator driven by send() ----

// Python's running total: each send(v) adds v and yields the new total.
cosm::generator<long, int> running_total() {
  long total = 0;
  for (;;) {
    auto sent = co_yield total;
    if (sent)
      total += *sent;
  }
}

long send_all(int n) {
  auto acc = running_total();
  acc.next(); // prime
  long last = 0;
  for (int i = 1; i <= n; ++i) {
    int v = i;
    opaque(v);
    last = *acc.send(v);
  }
  return last;
}

void send_sum(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long last = send_all(n);
    opaque(last);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH("gen.send", send_sum)->Arg(cosm_bench::gen_items);

// ---- gen.yield_from: values passed up a chain of `co_yield cosm::from` ----

// depth 0 yields n..1 itself; depth d delegates to depth d - 1.
cosm::generator<int> chain(int depth, int n) {
  if (depth == 0) {
    while (n > 0) {
      co_yield n;
      --n;
    }
    co_return;
  }
  co_yield cosm::from(chain(depth - 1, n));
}

long sum_chain(int depth, int n) {
  long sum = 0;
  for (int x : chain(depth, n)) {
    opaque(x);
    sum += x;
  }
  return sum;
}

// Arg: delegation depth (1000 values each).
void yield_from_sum(benchmark::State &state) {
  const int depth = static_cast<int>(state.range(0));
  int n = cosm_bench::gen_items;
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = sum_chain(depth, n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH("gen.yield_from", yield_from_sum)->Arg(1)->Arg(8);

} // namespace
