// Compiled only in its lowered form: cosm_lower() replaces it in the target.
#include "limits.hpp"
#include <cosm/generator.hpp>
#include <cstdio>

cosm::generator<int> countdown(int n) {
  while (n > 0) {
    co_yield n;
    --n;
  }
}

int main() {
  std::printf("%s:", CONSUMER_GREETING);
  for (int x : countdown(kStart))
    std::printf(" %d", x);
  std::printf("\n");
}
