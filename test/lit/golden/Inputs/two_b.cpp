#include <cosm/cosm.hpp>
cosm::task<int> second() { co_return 2; }
