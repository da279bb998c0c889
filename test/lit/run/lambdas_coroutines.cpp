// Coroutine lambdas: captures by copy (read through the closure, as C++20
// does: the closure must outlive the coroutine), by reference, init-captures,
// mutable lambdas, `this`, lambdas at namespace scope and in templates.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <chrono>
#include <cosm/cosm.hpp>
#include <cstdio>
#include <string>
#include <vector>

auto evens = [](int limit) -> cosm::generator<int> {
  for (int i = 0; i < limit; i += 2)
    co_yield i;
};

struct counter {
  int hits = 0;
  int bump_twice() {
    auto once = [this](int by) -> cosm::task<int> {
      co_await cosm::sleep(std::chrono::milliseconds(1));
      hits += by;
      co_return hits;
    };
    cosm::run(once(1), {true});
    return cosm::run(once(2), {true});
  }
};

template <class T> std::vector<T> collect(cosm::generator<T> g) {
  std::vector<T> out;
  for (auto &&v : g)
    out.push_back(v);
  return out;
}

template <class T> T twice_later(T v) {
  auto later = [v]() -> cosm::task<T> {
    co_await cosm::sleep(std::chrono::milliseconds(1));
    co_return v + v;
  };
  return cosm::run(later(), {true});
}

int main() {
  for (int v : collect(evens(7)))
    std::printf("%d ", v);
  std::printf("\n");
  int base = 100;
  std::string label = "sum";
  auto add = [base, &label, scale = 2](int x) -> cosm::task<int> {
    co_await cosm::sleep(std::chrono::milliseconds(x));
    label += "!";
    co_return base + scale *x;
  };
  int a = cosm::run(add(1), {true});
  int b = cosm::run(add(2), {true});
  std::printf("%s %d %d\n", label.c_str(), a, b);
  int total = 0;
  auto counter_gen = [&total,
                      step = 1](int n) mutable -> cosm::generator<int, int> {
    for (int i = 0; i < n; i += step) {
      auto got = co_yield i;
      if (got)
        total += *got;
      ++step;
    }
  };
  auto g = counter_gen(5);
  g.next();
  g.send(5);
  g.send(7);
  g.next();
  std::printf("total %d\n", total);
  counter c;
  std::printf("hits %d\n", c.bump_twice());
  std::printf("twice %s %d\n", twice_later(std::string("ab")).c_str(),
              twice_later(21));
}
// CHECK: 0 2 4 6
// CHECK-NEXT: sum!! 102 104
// CHECK-NEXT: total 12
// CHECK-NEXT: hits 3
// CHECK-NEXT: twice abab 42
