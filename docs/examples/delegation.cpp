// Lesson: `co_yield cosm::from(sub)` is Python's `yield from`: next, send and
// throw_ pass through to the sub-generator while it runs, and the expression's
// value is the sub-generator's co_return value.
#include <cosm/cosm.hpp>

#include <iostream>
#include <stdexcept>
#include <string>

cosm::generator<std::string, std::string, std::string> inner() {
  bool recovered = false;
  try {
    auto got = co_yield "i1";
    std::cout << "inner got " << got.value_or("None") << "\n";
    got = co_yield "i2";
    std::cout << "inner got " << got.value_or("None") << "\n";
  } catch (const std::invalid_argument &e) {
    std::cout << "inner caught " << e.what() << "\n";
    recovered = true; // C++ cannot co_yield inside a handler
  }
  if (recovered)
    co_yield "i-recovered";
  co_return "inner-ret";
}

cosm::generator<std::string, std::string> outer() {
  co_yield "o1";
  auto res = co_yield cosm::from(inner());
  std::cout << "outer res " << res << "\n";
  co_yield "o2";
}

int main() {
  auto o = outer();
  std::cout << *o.next() << "\n";
  std::cout << *o.next() << "\n";
  std::cout << *o.send("A") << "\n";
  std::cout << *o.throw_(std::invalid_argument("thrown")) << "\n";
  std::cout << *o.next() << "\n";
  if (!o.next())
    std::cout << "outer stop\n";
}
