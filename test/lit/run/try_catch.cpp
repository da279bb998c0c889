// try/catch around suspend points (nested dispatch), nested trys, rethrow,
// throw_ raised at the suspended co_yield, and break/continue/co_return out of
// a try block that contains a suspend point.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>

cosm::generator<int> catcher() {
  int n = 0;
  while (true) {
    try {
      co_yield n;
    } catch (const std::invalid_argument &e) {
      std::printf("caught %s\n", e.what());
      n += 10;
    }
    n += 1;
  }
}

cosm::generator<int> nested_try() {
  try {
    try {
      co_yield 1;
      throw std::runtime_error("inner");
    } catch (const std::runtime_error &e) {
      std::printf("inner handler: %s\n", e.what());
      throw;
    }
  } catch (const std::exception &e) {
    std::printf("outer handler: %s\n", e.what());
  }
  try {
    co_yield 2;
  } catch (...) {
    std::printf("never\n");
  }
}

cosm::generator<int> exits() {
  for (int i = 0; i < 5; ++i) {
    try {
      co_yield i;
      if (i == 1)
        continue;
      if (i == 3)
        break;
      std::printf("body %d\n", i);
    } catch (...) {
    }
  }
  try {
    co_yield 50;
    co_return;
  } catch (...) {
  }
  co_yield 99;
}

int main() {
  auto c = catcher();
  std::printf("first %d\n", *c.next());
  std::printf("after throw %d\n", *c.throw_(std::invalid_argument("boom")));
  std::printf("next %d\n", *c.next());
  try {
    c.throw_(std::runtime_error("escapes"));
  } catch (const std::runtime_error &e) {
    std::printf("propagated %s, done %d\n", e.what(), c.done());
  }
  for (int v : nested_try())
    std::printf("nested %d\n", v);
  for (int v : exits())
    std::printf("exits %d\n", v);
}
// CHECK: first 0
// CHECK-NEXT: caught boom
// CHECK-NEXT: after throw 11
// CHECK-NEXT: next 12
// CHECK-NEXT: propagated escapes, done 1
// CHECK-NEXT: nested 1
// CHECK-NEXT: inner handler: inner
// CHECK-NEXT: outer handler: inner
// CHECK-NEXT: nested 2
// CHECK-NEXT: exits 0
// CHECK-NEXT: body 0
// CHECK-NEXT: exits 1
// CHECK-NEXT: exits 2
// CHECK-NEXT: body 2
// CHECK-NEXT: exits 3
// CHECK-NEXT: exits 50
