// Structured bindings that live across suspend points: the hidden object is
// hoisted; tuple-like bindings become hoisted references (get<I>), the others
// read a member or an element of it. By value and by reference, in range-for,
// captured by lambdas, initialized by a suspend point, and destroyed with the
// frame when a suspended generator goes away.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <array>
#include <chrono>
#include <cosm/cosm.hpp>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <utility>

struct point {
  int x, y;
};

struct noisy {
  int id;
  explicit noisy(int i) : id(i) { std::printf("make %d\n", id); }
  noisy(const noisy &o) : id(o.id + 100) { std::printf("copy %d\n", id); }
  ~noisy() { std::printf("drop %d\n", id); }
};

namespace geo {
// A user tuple-like type with a member get that returns by value: each
// binding is then a reference that extends a temporary.
struct pair_like {
  int a;
  std::string b;
  template <std::size_t I> auto get() const {
    if constexpr (I == 0)
      return a;
    else
      return b + "?";
  }
};
} // namespace geo
template <> struct std::tuple_size<geo::pair_like> : std::integral_constant<std::size_t, 2> {};
template <> struct std::tuple_element<0, geo::pair_like> { using type = int; };
template <> struct std::tuple_element<1, geo::pair_like> { using type = std::string; };

cosm::generator<int> kinds() {
  point p{1, 2};
  auto [x, y] = p; // a copy: members
  co_yield x + y;
  auto &[rx, ry] = p; // a reference to p
  rx = 10;
  co_yield p.x + ry;
  int arr[2] = {5, 6};
  auto &[a0, a1] = arr; // elements
  co_yield a0 * a1;
  std::tuple<int, std::string> t{7, "seven"};
  auto [n, s] = t; // tuple-like: references into a copy
  co_yield n + static_cast<int>(s.size());
  s += "!";
  co_yield static_cast<int>(s.size());
  const auto &[cn, cs] = t;
  co_yield cn;
  co_yield static_cast<int>(cs.size());
  geo::pair_like pl{3, "abc"};
  auto [pa, pb] = pl; // member get
  co_yield pa + static_cast<int>(pb.size());
  auto [lx, ly] = std::pair<int, int>(4, 5); // not across a suspend point
  std::printf("not hoisted %d\n", lx + ly);
}

cosm::generator<std::string> walk(const std::map<std::string, int> &m) {
  for (const auto &[key, value] : m) {
    co_yield key;
    std::printf("%s=%d\n", key.c_str(), value);
  }
  for (auto [key, value] : m) {
    co_yield [key, &value] { return key + ":" + std::to_string(value); }();
    value = 0; // the copy, not the map
  }
}

std::pair<noisy, noisy> make_pair_of_noisy() {
  noisy one(1);
  noisy two(2);
  return {one, two};
}

cosm::generator<int> owner() {
  auto [first, second] = make_pair_of_noisy();
  co_yield first.id;
  co_yield second.id;
}

cosm::task<std::pair<int, std::string>> fetch(int k) {
  co_await cosm::sleep(std::chrono::milliseconds(k));
  co_return std::pair<int, std::string>(k, "v" + std::to_string(k));
}

cosm::task<int> both() {
  auto [a, b] = co_await cosm::gather(fetch(2), fetch(1));
  co_await cosm::sleep(std::chrono::milliseconds(1));
  std::printf("%d %s / %d %s\n", a.first, a.second.c_str(), b.first,
              b.second.c_str());
  auto [k, v] = co_await fetch(3);
  co_await cosm::sleep(std::chrono::milliseconds(1));
  co_return k + a.first + b.first + static_cast<int>(v.size());
}

int main() {
  for (int v : kinds())
    std::printf("%d\n", v);
  std::map<std::string, int> m{{"one", 1}, {"two", 2}};
  for (const std::string &s : walk(m))
    std::printf("[%s]\n", s.c_str());
  std::printf("two=%d\n", m["two"]);
  {
    auto g = owner();
    std::printf("got %d\n", *g.next());
    std::printf("destroying\n");
  }
  std::printf("sum %d\n", cosm::run(both(), {true}));
}
// CHECK: 3
// CHECK-NEXT: 12
// CHECK-NEXT: 30
// CHECK-NEXT: 12
// CHECK-NEXT: 6
// CHECK-NEXT: 7
// CHECK-NEXT: 5
// CHECK-NEXT: 7
// CHECK-NEXT: not hoisted 9
// CHECK-NEXT: [one]
// CHECK-NEXT: one=1
// CHECK-NEXT: [two]
// CHECK-NEXT: two=2
// CHECK-NEXT: [one:1]
// CHECK-NEXT: [two:2]
// CHECK-NEXT: two=2
// CHECK-NEXT: make 1
// CHECK-NEXT: make 2
// CHECK-NEXT: copy 101
// CHECK-NEXT: copy 102
// CHECK-NEXT: drop 2
// CHECK-NEXT: drop 1
// CHECK-NEXT: got 101
// CHECK-NEXT: destroying
// CHECK-NEXT: drop 102
// CHECK-NEXT: drop 101
// CHECK-NEXT: 2 v2 / 1 v1
// CHECK-NEXT: sum 8
