// Lesson: a generator must not keep yielding once close() raised
// generator_exit in it; close() then throws generator_error.
#include <cosm/cosm.hpp>

#include <iostream>

cosm::generator<int> stubborn() {
  bool exiting = false;
  try {
    co_yield 1;
  } catch (const cosm::generator_exit &) {
    exiting = true; // C++ cannot co_yield inside a handler
  }
  if (exiting)
    co_yield 2;
}

int main() {
  auto s = stubborn();
  s.next();
  try {
    s.close();
  } catch (const cosm::generator_error &e) {
    std::cout << "runtime error " << e.what() << "\n";
  }
}
