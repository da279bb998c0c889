// -p <build-dir>: flags come from compile_commands.json, including one made
// for g++ (GCC-only flags are dropped); a file the database does not list is
// refused with a clear message, exit status 1 and no output.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: cp %s %t.dir/listed.cpp && cp %s %t.dir/unlisted.cpp
// RUN: echo '[{"directory": "%t.dir", "command": "g++ -std=c++20 -fcoroutines -Wlogical-op -fconserve-stack -DLIMIT=3 -c listed.cpp", "file": "listed.cpp"}]' > %t.dir/compile_commands.json
// RUN: %cosm -p %t.dir %t.dir/listed.cpp -o %t.dir/listed.lowered.cpp
// RUN: %FileCheck --check-prefix=LOWERED %s < %t.dir/listed.lowered.cpp
// RUN: not %cosm -p %t.dir %t.dir/unlisted.cpp -o %t.dir/unlisted.lowered.cpp 2>&1 | %FileCheck --check-prefix=UNLISTED %s
// RUN: not ls %t.dir/unlisted.lowered.cpp
#include <cosm/cosm.hpp>

cosm::generator<int> upto() {
  for (int i = 0; i < LIMIT; ++i)
    co_yield i;
}
// LOWERED: struct upto_frame final : cosm::lowered::generator_frame<int, void, void> {
// UNLISTED: cosm: error: '{{.*}}unlisted.cpp' is not in the compilation database (inferred from {{.*}}listed.cpp); add it, or give its flags after --
