// Methods of a non-template class (nested in another, in a namespace) whose
// frames need the complete class: a static method returning the class, a
// const method with a local of the class type, a member template.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <chrono>
#include <cstdio>
namespace app {
struct outer {
  struct widget {
    int v = 1;
    static cosm::task<widget> make() { co_return widget{}; }
    cosm::task<int> copy_later() const {
      widget copy = *this;
      co_await cosm::sleep(std::chrono::milliseconds(0));
      co_return copy.v + v;
    }
    template <class T> cosm::generator<T> twice(T x) { co_yield x; co_yield x; }
  };
};
}
cosm::task<int> amain() {
  app::outer::widget w = co_await app::outer::widget::make();
  int s = 0;
  for (int x : w.twice(5)) s += x;
  co_return co_await w.copy_later() + s;
}
int main() { std::printf("%d\n", cosm::run(amain())); }
// CHECK: 12
