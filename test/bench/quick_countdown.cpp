// Quick side-by-side check of the range-for fast path: the same countdown sum
// through a lowered generator and as a hand-written loop, in one process.
// See docs/benchmarks.md ("Range-for fast path") for the commands.
#include <chrono>
#include <cosm/cosm.hpp>
#include <cstdio>
cosm::generator<int> countdown(int n) {
  while (n > 0) {
    co_yield n;
    --n;
  }
}
__attribute__((noinline)) long gen_sum(int n) {
  long s = 0;
  for (int x : countdown(n))
    s += x;
  return s;
}
__attribute__((noinline)) long loop_sum(int n) {
  long s = 0;
  for (int x = n; x > 0; --x) {
    asm volatile("" ::: "memory");
    s += x;
  }
  return s;
}
int main(int argc, char **) {
  int n = 50000000 + argc;
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    long a = gen_sum(n);
    auto t1 = std::chrono::steady_clock::now();
    long b = loop_sum(n);
    auto t2 = std::chrono::steady_clock::now();
    double g = std::chrono::duration<double>(t1 - t0).count(),
           l = std::chrono::duration<double>(t2 - t1).count();
    std::printf("gen %.3fs loop %.3fs ratio %.2f (%ld %ld)\n", g, l, g / l, a,
                b);
  }
}
