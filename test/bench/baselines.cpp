// The baselines cosm's benchmarks are compared with, compiled as C++20 by the
// same compiler in the same executable:
//   hand     the loop a programmer would write instead of the generator;
//   minimal  the same countdown as a minimal C++20 generator (what the
//            compiler does with a coroutine when no protocol is in the way);
//   machine  the same countdown as a hand-written C++17 state machine of the
//            shape cosm emits, held by value and driven directly;
//   bare     a bare event loop: a std::deque of std::coroutine_handle<>
//            resumed in a loop, a std::priority_queue of timers, and a minimal
//            lazy task with symmetric transfer.
#include "bench.hpp"

#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <queue>
#include <utility>
#include <vector>

namespace {

using cosm_bench::opaque;

// ---- hand-written loops ----

// The countdown's sum, written as a loop (a function of its own, like the
// generator's consumer).
long hand_sum(int n) {
  long sum = 0;
  for (int i = n; i > 0; --i) {
    int x = i;
    opaque(x);
    sum += x;
  }
  return sum;
}

void hand_countdown(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = hand_sum(n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("gen.countdown", "hand", hand_countdown)
    ->Arg(cosm_bench::gen_items)
    ->Arg(1);

// The same, for each delegation depth (the depth changes nothing here).
void hand_chain(benchmark::State &state) {
  int n = cosm_bench::gen_items;
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = hand_sum(n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("gen.yield_from", "hand", hand_chain)->Arg(1)->Arg(8);

// The running total without a generator.
long hand_total(int n) {
  long total = 0, last = 0;
  for (int i = 1; i <= n; ++i) {
    int v = i;
    opaque(v);
    total += v;
    last = total;
  }
  return last;
}

void hand_send(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long last = hand_total(n);
    opaque(last);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("gen.send", "hand", hand_send)->Arg(cosm_bench::gen_items);

// ---- a minimal C++20 generator ----

template <class T> class mini_generator {
public:
  struct promise_type {
    T value{};
    mini_generator get_return_object() noexcept {
      return mini_generator(handle::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    std::suspend_always yield_value(T v) noexcept {
      value = v;
      return {};
    }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }
  };
  using handle = std::coroutine_handle<promise_type>;

  class iterator {
  public:
    explicit iterator(handle h) noexcept : h_(h) {}
    T operator*() const noexcept { return h_.promise().value; }
    iterator &operator++() {
      h_.resume();
      return *this;
    }
    bool operator==(std::default_sentinel_t) const noexcept {
      return h_.done();
    }

  private:
    handle h_;
  };

  mini_generator(mini_generator &&other) noexcept
      : h_(std::exchange(other.h_, nullptr)) {}
  ~mini_generator() {
    if (h_)
      h_.destroy();
  }
  iterator begin() {
    h_.resume();
    return iterator(h_);
  }
  std::default_sentinel_t end() const noexcept { return {}; }

private:
  explicit mini_generator(handle h) noexcept : h_(h) {}
  handle h_;
};

mini_generator<int> mini_countdown(int n) {
  while (n > 0) {
    co_yield n;
    --n;
  }
}

long sum_mini_countdown(int n) {
  long sum = 0;
  for (int x : mini_countdown(n)) {
    opaque(x);
    sum += x;
  }
  return sum;
}

void minimal_countdown(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = sum_mini_countdown(n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("gen.countdown", "minimal", minimal_countdown)
    ->Arg(cosm_bench::gen_items)
    ->Arg(1);

// ---- the countdown as a C++17 state machine, driven directly ----

// The shape of the frame cosm emits for countdown (a switch that jumps back
// into the loop), held by value, resumed by a direct call and read without
// any protocol: what a lowered range-for fast path could compile to.
struct countdown_machine {
  int n;
  int state = 0;
  int current = 0;

  bool resume() {
    switch (state) {
    case 1:
      goto resume_1;
    }
    while (n > 0) {
      current = n;
      state = 1;
      return true;
    resume_1:
      state = -1;
      --n;
    }
    state = -1;
    return false;
  }
};

long sum_machine(int n) {
  countdown_machine m{n};
  long sum = 0;
  while (m.resume()) {
    int x = m.current;
    opaque(x);
    sum += x;
  }
  return sum;
}

void machine_countdown(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  opaque(n); // a run-time count, as for every variant
  for (auto _ : state) {
    long sum = sum_machine(n);
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("gen.countdown", "machine", machine_countdown)
    ->Arg(cosm_bench::gen_items)
    ->Arg(1);

// ---- a bare event loop ----

namespace bare {

struct timer {
  std::int64_t deadline;
  std::uint64_t seq; // equal deadlines fire in arming order
  std::coroutine_handle<> waiter;
  friend bool operator>(const timer &a, const timer &b) noexcept {
    return a.deadline != b.deadline ? a.deadline > b.deadline : a.seq > b.seq;
  }
};

// Ready handles run in FIFO order; when none is ready, virtual time jumps to
// the earliest timer.
struct loop {
  std::deque<std::coroutine_handle<>> ready;
  std::priority_queue<timer, std::vector<timer>, std::greater<timer>> timers;
  std::int64_t now = 0;
  std::uint64_t seq = 0;

  void run() {
    for (;;) {
      while (!ready.empty()) {
        std::coroutine_handle<> h = ready.front();
        ready.pop_front();
        h.resume();
      }
      if (timers.empty())
        return;
      timer t = timers.top();
      timers.pop();
      now = t.deadline;
      ready.push_back(t.waiter);
    }
  }
};

loop *current = nullptr;

// A coroutine the loop runs; its owner destroys the frame.
class process {
public:
  struct promise_type {
    process get_return_object() noexcept {
      return process(handle::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }
  };
  using handle = std::coroutine_handle<promise_type>;

  process(process &&other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  ~process() {
    if (h_)
      h_.destroy();
  }
  handle get() const noexcept { return h_; }

private:
  explicit process(handle h) noexcept : h_(h) {}
  handle h_;
};

struct yield_now {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const {
    current->ready.push_back(h);
  }
  void await_resume() const noexcept {}
};

struct sleep_for {
  std::int64_t ns;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const {
    current->timers.push({current->now + ns, current->seq++, h});
  }
  void await_resume() const noexcept {}
};

// Starts every process, runs the loop until nothing is left, frees them.
void run_all(std::vector<process> &procs) {
  loop l;
  current = &l;
  for (process &p : procs)
    l.ready.push_back(p.get());
  l.run();
  current = nullptr;
}

// A lazy task with symmetric transfer to its awaiter.
template <class T> class lazy {
public:
  struct promise_type {
    T value{};
    std::coroutine_handle<> continuation;

    struct final_awaiter {
      bool await_ready() const noexcept { return false; }
      std::coroutine_handle<>
      await_suspend(std::coroutine_handle<promise_type> h) const noexcept {
        std::coroutine_handle<> c = h.promise().continuation;
        return c ? c : std::noop_coroutine();
      }
      void await_resume() const noexcept {}
    };

    lazy get_return_object() noexcept {
      return lazy(handle::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    final_awaiter final_suspend() const noexcept { return {}; }
    void return_value(T v) noexcept { value = v; }
    void unhandled_exception() const noexcept { std::terminate(); }
  };
  using handle = std::coroutine_handle<promise_type>;

  lazy(lazy &&other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  ~lazy() {
    if (h_)
      h_.destroy();
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
    h_.promise().continuation = awaiting;
    return h_;
  }
  T await_resume() { return h_.promise().value; }

  // Runs a top-level task to its end (it must not suspend elsewhere).
  T run() {
    h_.resume();
    return h_.promise().value;
  }

private:
  explicit lazy(handle h) noexcept : h_(h) {}
  handle h_;
};

} // namespace bare

// task.switch: N processes, each yielding switch_rounds times.
bare::process bare_pinger(int rounds) {
  for (int i = 0; i < rounds; ++i)
    co_await bare::yield_now{};
}

void bare_switch(benchmark::State &state) {
  const int tasks = static_cast<int>(state.range(0));
  const int rounds = cosm_bench::switch_rounds;
  for (auto _ : state) {
    std::vector<bare::process> procs;
    procs.reserve(tasks);
    for (int i = 0; i < tasks; ++i)
      procs.push_back(bare_pinger(rounds));
    bare::run_all(procs);
  }
  state.SetItemsProcessed(state.iterations() * tasks * rounds);
}
COSM_BENCH_AS("task.switch", "bare", bare_switch)->Arg(10)->Arg(1000);

// task.await: awaiting a task that returns at once.
bare::lazy<int> bare_identity(int i) { co_return i; }

bare::lazy<long> bare_await_many(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i)
    sum += co_await bare_identity(i);
  co_return sum;
}

void bare_await(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    long sum = bare_await_many(n).run();
    opaque(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("task.await", "bare", bare_await)->Arg(10000);

// timer.fire: N processes sleeping for distinct durations, latest first.
bare::process bare_sleeper(std::int64_t ns) { co_await bare::sleep_for{ns}; }

void bare_timers(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<bare::process> procs;
    procs.reserve(n);
    for (int i = 0; i < n; ++i)
      procs.push_back(bare_sleeper(n - i));
    bare::run_all(procs);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
COSM_BENCH_AS("timer.fire", "bare", bare_timers)->Arg(1000)->Arg(100000);

} // namespace
