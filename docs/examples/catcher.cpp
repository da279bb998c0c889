// Lesson: throw_() raises an exception at the suspended co_yield, so the
// body's own try/catch sees it; throw_ returns the next yielded value.
#include <cosm/cosm.hpp>

#include <iostream>
#include <stdexcept>

cosm::generator<int> catcher() {
  int n = 0;
  while (true) {
    try {
      co_yield n;
    } catch (const std::invalid_argument &e) {
      std::cout << "caught " << e.what() << "\n";
      n += 10;
    }
    n += 1;
  }
}

int main() {
  auto c = catcher();
  int first = *c.next();
  std::cout << "first " << first << "\n";
  // Evaluated before printing, as Python's print does with its arguments.
  int after = *c.throw_(std::invalid_argument("boom"));
  std::cout << "after throw " << after << "\n";
  int next = *c.next();
  std::cout << "next " << next << "\n";
  c.close();
}
