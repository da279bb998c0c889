// Coroutine methods (instance with implicit this, const, static), function
// templates, and functions in namespaces.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <string>
#include <vector>

namespace shop {

class basket {
public:
  explicit basket(std::string owner) : owner_(std::move(owner)) {}
  void add(std::string item) { items_.push_back(std::move(item)); }

  cosm::generator<std::string> items() const {
    for (const auto &item : items_)
      co_yield owner_ + ":" + item;
  }

  cosm::generator<int> drain() {
    while (!items_.empty()) {
      co_yield static_cast<int>(items_.size());
      items_.pop_back();
      ++drained;
    }
    co_yield -drained;
  }

  static cosm::generator<int> range(int from, int to) {
    for (int i = from; i < to; ++i)
      co_yield i;
  }

  int drained = 0;

private:
  std::string owner_;
  std::vector<std::string> items_;
};

template <class T, int Times = 2>
cosm::generator<T> repeat(T value) {
  for (int i = 0; i < Times; ++i)
    co_yield value;
}

namespace nested {
inline int twice(int x) { return 2 * x; }
cosm::generator<int> doubled(int n) {
  for (int i = 0; i < n; ++i)
    co_yield twice(i);
}
} // namespace nested

} // namespace shop

int main() {
  shop::basket b("ann");
  b.add("apple");
  b.add("pear");
  for (const std::string &s : b.items())
    std::printf("item %s\n", s.c_str());
  for (int n : b.drain())
    std::printf("drain %d\n", n);
  std::printf("drained %d\n", b.drained);
  for (int i : shop::basket::range(3, 5))
    std::printf("range %d\n", i);
  for (const std::string &s : shop::repeat<std::string, 3>("hey"))
    std::printf("repeat %s\n", s.c_str());
  for (double d : shop::repeat(1.5))
    std::printf("repeat %.1f\n", d);
  for (int x : shop::nested::doubled(3))
    std::printf("doubled %d\n", x);
}
// CHECK: item ann:apple
// CHECK-NEXT: item ann:pear
// CHECK-NEXT: drain 2
// CHECK-NEXT: drain 1
// CHECK-NEXT: drain -2
// CHECK-NEXT: drained 2
// CHECK-NEXT: range 3
// CHECK-NEXT: range 4
// CHECK-NEXT: repeat hey
// CHECK-NEXT: repeat hey
// CHECK-NEXT: repeat hey
// CHECK-NEXT: repeat 1.5
// CHECK-NEXT: repeat 1.5
// CHECK-NEXT: doubled 0
// CHECK-NEXT: doubled 2
// CHECK-NEXT: doubled 4
