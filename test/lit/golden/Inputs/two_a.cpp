#include <cosm/cosm.hpp>
cosm::generator<int> first() { co_yield 1; }
