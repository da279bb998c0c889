// Tasks end to end: awaits inside expressions (a map key, operands), recursion,
// exceptions across awaits, gather, and a 100,000-deep await chain that must
// not grow the stack (symmetric transfer / trampoline).
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

cosm::task<std::string> greet(std::string name) { co_return "Hello, " + name; }

cosm::task<int> fib(int n) {
  if (n <= 1)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2);
}

cosm::task<int> boom(int n) {
  co_await cosm::sleep(std::chrono::milliseconds(0));
  if (n == 3)
    throw std::runtime_error("bad " + std::to_string(n));
  co_return n;
}

cosm::task<> count(int tag) {
  std::printf("One %d\n", tag);
  co_await cosm::sleep(std::chrono::milliseconds(100));
  std::printf("Two %d\n", tag);
}

cosm::task<int> deep(int n) {
  if (n == 0)
    co_return 0;
  int r = co_await deep(n - 1);
  co_return r + 1;
}

cosm::task<int> amain() {
  std::printf("%s\n", (co_await greet("Python")).c_str());
  std::printf("fib 15 %d\n", co_await fib(15));
  std::map<std::string, int> d;
  d[co_await greet("key")] = co_await fib(10);
  for (auto &kv : d)
    std::printf("%s: %d\n", kv.first.c_str(), kv.second);
  try {
    co_await boom(3);
  } catch (const std::exception &e) {
    std::printf("caught %s\n", e.what());
  }
  co_await cosm::gather(count(1), count(2), count(3));
  auto t = co_await cosm::gather(boom(1), boom(2), fib(20));
  std::printf("%d %d %d\n", std::get<0>(t), std::get<1>(t), std::get<2>(t));
  std::printf("deep %d\n", co_await deep(100000));
  co_return 7;
}

int main() {
  cosm::run_options o;
  o.virtual_clock = true;
  std::printf("main returned %d\n", cosm::run(amain(), o));
}
// CHECK: Hello, Python
// CHECK-NEXT: fib 15 610
// CHECK-NEXT: Hello, key: 55
// CHECK-NEXT: caught bad 3
// CHECK-NEXT: One 1
// CHECK-NEXT: One 2
// CHECK-NEXT: One 3
// CHECK-NEXT: Two 1
// CHECK-NEXT: Two 2
// CHECK-NEXT: Two 3
// CHECK-NEXT: 1 2 6765
// CHECK-NEXT: deep 100000
// CHECK-NEXT: main returned 7
