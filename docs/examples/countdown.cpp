// Lesson: a generator is lazy. Calling countdown() runs nothing; each next()
// runs the body up to its next co_yield; a finished generator gives nullopt
// (Python's StopIteration).
#include <cosm/cosm.hpp>

#include <iostream>

cosm::generator<int> countdown(int n) {
  std::cout << "start " << n << "\n";
  while (n > 0) {
    co_yield n;
    --n;
  }
  std::cout << "done\n";
}

int main() {
  for (int x : countdown(3))
    std::cout << "for " << x << "\n";

  auto g = countdown(2);
  std::cout << "created\n";
  // Python's print evaluates next(g) before printing anything.
  int first = *g.next();
  std::cout << "next " << first << "\n";
  int second = *g.next();
  std::cout << "next " << second << "\n";
  if (!g.next())
    std::cout << "stop\n";
}
