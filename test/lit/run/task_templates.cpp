// Task templates: co_await on dependent expressions; the awaiter type is
// named through decltype/declval in the frame, per instantiation.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <chrono>
#include <cstdio>
template <class T> cosm::task<T> echo(T v) { co_return v; }
template <class T> cosm::task<T> twice(T v) {
  T a = co_await echo(v);
  co_await cosm::sleep(std::chrono::milliseconds(1));
  co_return a + a;
}
int main() { std::printf("%d\n", cosm::run(twice(21))); }
// CHECK: 42
