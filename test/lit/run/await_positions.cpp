// co_await anywhere: arguments, initializers, conditions of if/while/for,
// for increments, switch conditions, short-circuit operands (the skipped await
// never runs), ?:, nested awaits, co_return operands; left to right.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <string>

cosm::task<int> val(const char *what, int v) {
  std::printf("  await %s\n", what);
  co_await cosm::sleep(std::chrono::milliseconds(1));
  co_return v;
}
cosm::task<int> twice(int x) { co_return 2 * x; }
int add(int a, int b, int c) { return a * 100 + b * 10 + c; }

struct account {
  int balance = 10;
  cosm::task<int> deposit(int amount) {
    co_await cosm::sleep(std::chrono::milliseconds(1));
    balance += amount;
    co_return balance;
  }
  cosm::task<int> peek() const { co_return balance; }
  static cosm::task<int> rate() { co_return 3; }
};

cosm::task<int> positions() {
  std::printf("args\n");
  int s = add(co_await val("a", 1), co_await val("b", 2), co_await val("c", 3));
  std::printf("sum %d\n", s);
  if (co_await val("cond", 1))
    std::printf("if taken\n");
  int n = 0;
  while (co_await val("while", n < 2 ? 1 : 0))
    ++n;
  std::printf("loops %d\n", n);
  for (int i = 0; i < 4; i += co_await val("inc", 2))
    std::printf("i %d\n", i);
  switch (co_await val("switch", 2)) {
  case 2:
    std::printf("case 2\n");
    break;
  default:
    std::printf("default\n");
  }
  bool a = co_await val("lhs", 0) && co_await val("skipped", 1);
  bool b = co_await val("lhs", 1) || co_await val("skipped", 1);
  std::printf("and %d or %d\n", a, b);
  int c = n > 0 ? co_await val("then", 5) : co_await val("else", 6);
  std::printf("choice %d\n", c);
  int nested = co_await twice(co_await val("inner", 21));
  std::printf("nested %d\n", nested);
  account acct;
  std::printf("deposit %d\n", co_await acct.deposit(5));
  std::printf("peek %d rate %d\n", co_await acct.peek(), co_await account::rate());
  co_return co_await val("return", 40) + co_await twice(1);
}

int main() {
  cosm::run_options o;
  o.virtual_clock = true;
  std::printf("result %d\n", cosm::run(positions(), o));
}
// CHECK: args
// CHECK-NEXT:   await a
// CHECK-NEXT:   await b
// CHECK-NEXT:   await c
// CHECK-NEXT: sum 123
// CHECK-NEXT:   await cond
// CHECK-NEXT: if taken
// CHECK-NEXT:   await while
// CHECK-NEXT:   await while
// CHECK-NEXT:   await while
// CHECK-NEXT: loops 2
// CHECK-NEXT: i 0
// CHECK-NEXT:   await inc
// CHECK-NEXT: i 2
// CHECK-NEXT:   await inc
// CHECK-NEXT:   await switch
// CHECK-NEXT: case 2
// CHECK-NEXT:   await lhs
// CHECK-NEXT:   await lhs
// CHECK-NEXT: and 0 or 1
// CHECK-NEXT:   await then
// CHECK-NEXT: choice 5
// CHECK-NEXT:   await inner
// CHECK-NEXT: nested 42
// CHECK-NEXT: deposit 15
// CHECK-NEXT: peek 15 rate 3
// CHECK-NEXT:   await return
// CHECK-NEXT: result 42
