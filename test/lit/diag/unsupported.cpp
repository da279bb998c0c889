// Each construct outside the subset is an error at its location.
// RUN: %cosm --verify %s --
#include <cosm/cosm.hpp>

cosm::generator<int> jumps(int n) {
  co_yield 1;
again:
  co_yield 2;
  if (--n > 0)
    goto again; // expected-error {{goto across a suspend point is not supported by cosm; use a loop, break or continue}}
}

cosm::generator<int> local_goto(int n) {
  co_yield 0;
  {
    if (n)
      goto skip; // fine: no suspend point between the goto and its label
    n = 5;
  skip:
    n += 1;
  }
  co_yield n;
}

auto generic_lambda = [](auto x) -> cosm::generator<int> { co_yield x; }; // expected-error {{generic coroutine lambdas are not supported by cosm; give the parameters types, or write a function template}}

cosm::generator<int> holds_coroutine_lambda() {
  co_yield 0;
  for (int x : []() -> cosm::generator<int> { co_yield 1; }()) // expected-error {{a coroutine lambda inside a coroutine is not supported by cosm; define it outside, or make it a function}}
    co_yield x;
}

struct copies_this {
  int v = 1;
  void run() {
    auto g = [*this]() -> cosm::generator<int> { co_yield v; }; // expected-error {{a coroutine lambda that captures *this by copy is not supported by cosm; capture this}}
    (void)g;
  }
};

cosm::generator<int> keeps_lambda() {
  auto f = [](int x) { return x * 2; }; // expected-error {{'f' lives across a suspend point, but it holds a lambda, whose type cannot be named}}
  co_yield f(1);
  co_yield f(2);
}

cosm::generator<int> keeps_local_class() {
  struct point {
    int x, y;
  };
  point p{1, 2}; // expected-error {{'p' lives across a suspend point, but its type is a class local to the coroutine}}
  co_yield p.x;
  co_yield p.y;
}

#define YIELD(x) co_yield x
cosm::generator<int> macro() {
  YIELD(1); // expected-error {{a suspend point inside a macro expansion is not supported by cosm; expand the macro by hand}}
}

cosm::generator<int> function_try() try { // expected-error {{a function-try-block on a coroutine is not supported by cosm}}
  co_yield 1;
} catch (...) {
}


cosm::generator<int> copies_array() {
  int arr[2] = {1, 2};
  auto [a, b] = arr; // expected-error {{'[a, b]' lives across a suspend point, but a structured binding that copies an array cannot live in a frame; bind by reference}}
  co_yield a;
  co_yield b;
}

template <class T> cosm::generator<int> dependent_binding(T t) {
  auto [a, b] = t; // expected-error {{'[a, b]' lives across a suspend point, but cosm cannot name the parts of a structured binding of a dependent type}}
  co_yield a;
  co_yield b;
}

template <class T> cosm::generator<int> braced_dependent_auto(T t) {
  auto x{t.size()}; // expected-error {{'x' lives across a suspend point, but its type is deduced from a dependent expression; spell the type}}
  co_yield 1;
  co_yield static_cast<int>(x);
}
