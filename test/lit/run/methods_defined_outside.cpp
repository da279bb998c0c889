// Methods defined outside their class (the class as it would be in a
// header): instance, const, static, a member template and a member of a class
// template. Their frames live in the bodies, with the methods' access to
// private members.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <chrono>
#include <cosm/cosm.hpp>
#include <cstdio>
#include <string>
#include <vector>

namespace shop {
class inventory {
public:
  explicit inventory(std::vector<std::string> items)
      : items_(std::move(items)) {}
  cosm::generator<std::string> names() const;
  cosm::task<int> restock(int n);
  static cosm::generator<int> ids(int n);
  template <class T> cosm::generator<T> as_numbers() const;

private:
  std::vector<std::string> items_;
  int stock_ = 0;
};

template <class T> class shelf {
public:
  cosm::generator<T> each() const;
  T last{};

private:
  std::vector<T> slots_{1, 2, 3};
};
} // namespace shop

cosm::generator<std::string> shop::inventory::names() const {
  for (const std::string &item : items_)
    co_yield item + "#" + std::to_string(stock_);
}

namespace shop {
cosm::task<int> inventory::restock(int n) {
  for (int i = 0; i < n; ++i) {
    co_await cosm::sleep(std::chrono::milliseconds(1));
    ++stock_;
  }
  co_return stock_;
}

cosm::generator<int> inventory::ids(int n) {
  for (int i = 1; i <= n; ++i)
    co_yield i * 10;
}

template <class T> cosm::generator<T> inventory::as_numbers() const {
  for (const std::string &item : items_)
    co_yield static_cast<T>(item.size());
}

template <class T> cosm::generator<T> shelf<T>::each() const {
  for (const T &v : slots_)
    co_yield v + last;
}
} // namespace shop

int main() {
  shop::inventory inv({"apple", "fig"});
  std::printf("stock %d\n", cosm::run(inv.restock(2), {true}));
  for (const std::string &s : inv.names())
    std::printf("%s\n", s.c_str());
  for (int id : shop::inventory::ids(2))
    std::printf("id %d\n", id);
  for (double d : inv.as_numbers<double>())
    std::printf("len %.1f\n", d);
  shop::shelf<int> sh;
  sh.last = 100;
  for (int v : sh.each())
    std::printf("slot %d\n", v);
}
// CHECK: stock 2
// CHECK-NEXT: apple#2
// CHECK-NEXT: fig#2
// CHECK-NEXT: id 10
// CHECK-NEXT: id 20
// CHECK-NEXT: len 5.0
// CHECK-NEXT: len 3.0
// CHECK-NEXT: slot 101
// CHECK-NEXT: slot 102
// CHECK-NEXT: slot 103
