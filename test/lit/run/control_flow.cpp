// Every statement form around suspend points: if/else (with init), while,
// do-while, for, range-for (vector, array, temporary), switch with yields in
// several cases and fallthrough, break/continue, co_return from nested loops.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <string>
#include <vector>

cosm::generator<int> ifs(int n) {
  if (int half = n / 2; half > 1) {
    co_yield half;
  } else if (n == 3)
    co_yield 300;
  else {
    co_yield -1;
  }
  if (n > 0)
    co_yield n;
}

cosm::generator<int> loops() {
  int i = 0;
  do {
    co_yield i;
    ++i;
  } while (i < 2);
  for (int j = 5; j < 8; ++j) {
    if (j == 6)
      continue;
    co_yield j;
  }
  while (true) {
    co_yield 100;
    break;
  }
  for (;;) {
    co_yield 200;
    if (i++ > 3)
      break;
  }
}

std::vector<std::string> words() { return {"alpha", "beta", "gamma"}; }

cosm::generator<std::string> ranges(const std::vector<std::string> &v) {
  for (const auto &s : v)
    co_yield s + "!";
  int arr[] = {7, 8};
  for (int x : arr)
    co_yield std::to_string(x);
  for (auto w : words()) {
    if (w == "beta")
      continue;
    co_yield w;
  }
}

cosm::generator<const char *> switcher(int k) {
  switch (k) {
  case 0:
    co_yield "zero";
    [[fallthrough]];
  case 1: {
    co_yield "one";
    break;
  }
  case 2:
    co_yield "two";
    co_return;
  default:
    co_yield "other";
  }
  co_yield "after switch";
}

cosm::generator<int> nested_return() {
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      co_yield i * 10 + j;
      if (i == 1 && j == 1)
        co_return;
    }
  co_yield -1;
}

int main() {
  for (int n : {4, 3, 1})
    for (int v : ifs(n))
      std::printf("ifs(%d) %d\n", n, v);
  for (int v : loops())
    std::printf("loops %d\n", v);
  std::vector<std::string> v = {"x", "y"};
  for (const std::string &s : ranges(v))
    std::printf("ranges %s\n", s.c_str());
  for (int k = 0; k < 4; ++k)
    for (const char *s : switcher(k))
      std::printf("switch(%d) %s\n", k, s);
  for (int x : nested_return())
    std::printf("nested %d\n", x);
}
// CHECK: ifs(4) 2
// CHECK-NEXT: ifs(4) 4
// CHECK-NEXT: ifs(3) 300
// CHECK-NEXT: ifs(3) 3
// CHECK-NEXT: ifs(1) -1
// CHECK-NEXT: ifs(1) 1
// CHECK-NEXT: loops 0
// CHECK-NEXT: loops 1
// CHECK-NEXT: loops 5
// CHECK-NEXT: loops 7
// CHECK-NEXT: loops 100
// CHECK-NEXT: loops 200
// CHECK-NEXT: loops 200
// CHECK-NEXT: loops 200
// CHECK-NEXT: ranges x!
// CHECK-NEXT: ranges y!
// CHECK-NEXT: ranges 7
// CHECK-NEXT: ranges 8
// CHECK-NEXT: ranges alpha
// CHECK-NEXT: ranges gamma
// CHECK-NEXT: switch(0) zero
// CHECK-NEXT: switch(0) one
// CHECK-NEXT: switch(0) after switch
// CHECK-NEXT: switch(1) one
// CHECK-NEXT: switch(1) after switch
// CHECK-NEXT: switch(2) two
// CHECK-NEXT: switch(3) other
// CHECK-NEXT: switch(3) after switch
// CHECK-NEXT: nested 0
// CHECK-NEXT: nested 1
// CHECK-NEXT: nested 2
// CHECK-NEXT: nested 10
// CHECK-NEXT: nested 11
