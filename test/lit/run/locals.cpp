// Locals of every kind across suspend points: move-only, non-movable,
// references (hoisted as pointers), a reference bound to a temporary, arrays,
// same-named locals in different scopes, and a parameter taken by reference.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "Inputs/prvalue_range.hpp"

struct pinned {
  int value;
  explicit pinned(int v) : value(v) {}
  pinned(const pinned &) = delete;
  pinned(pinned &&) = delete;
};

pinned make_pinned(int v) { return pinned(v); }
std::string make_string() { return "temporary"; }

cosm::generator<int> kinds(const std::string &label) {
  auto owned = std::make_unique<int>(41);
  co_yield ++*owned;
  pinned p(7);
  pinned q = make_pinned(8);
  co_yield p.value + q.value;
  int base = 100;
  int &ref = base;
  co_yield ref;
  ref += 1;
  co_yield base;
  const std::string &temp = make_string();
  co_yield static_cast<int>(temp.size());
  int arr[3] = {1, 2, 3};
  int *it = arr;
  co_yield *it++;
  co_yield *it++;
  co_yield arr[2];
  {
    int x = 10;
    co_yield x;
  }
  {
    int x = 20;
    co_yield x;
  }
  std::mutex m;
  {
    std::lock_guard<std::mutex> lock(m);
    co_yield static_cast<int>(label.size());
  }
}

// Over a range of prvalues `auto &&s` extends each one, so the frame holds
// the value itself, not a pointer to a dead temporary. An rvalue reference
// bound to an xvalue is a pointer to its referent.

cosm::generator<std::string> references() {
  for (auto &&s : prvalue_range{2, "item"}) {
    co_yield s;
    co_yield s + "'";
  }
  std::string base = "base";
  std::string &&rr = std::move(base);
  co_yield rr;
  rr += "+";
  co_yield base;
}

int main() {
  std::string label = "labels";
  for (int v : kinds(label))
    std::printf("%d\n", v);
  for (const std::string &s : references())
    std::printf("%s\n", s.c_str());
}
// CHECK: 42
// CHECK-NEXT: 15
// CHECK-NEXT: 100
// CHECK-NEXT: 101
// CHECK-NEXT: 9
// CHECK-NEXT: 1
// CHECK-NEXT: 2
// CHECK-NEXT: 3
// CHECK-NEXT: 10
// CHECK-NEXT: 20
// CHECK-NEXT: 6
// CHECK-NEXT: item0
// CHECK-NEXT: item0'
// CHECK-NEXT: item1
// CHECK-NEXT: item1'
// CHECK-NEXT: base
// CHECK-NEXT: base+
