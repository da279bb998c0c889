// --emit=dot renders with Graphviz and shows each suspend point; --emit=layout
// shows the frame, with shared storage, as text or JSON.
// RUN: %cosm --emit=dot %s -- > %t.dot
// RUN: %FileCheck --check-prefix=DOT %s < %t.dot
// RUN: dot -Tsvg %t.dot -o %t.svg
// RUN: %cosm --emit=layout %s -- | %FileCheck --check-prefix=LAYOUT %s
// RUN: %cosm --emit=layout --format=json %s -- | %python -m json.tool | %FileCheck --check-prefix=JSON %s
#include <cosm/cosm.hpp>
#include <string>

cosm::generator<int> pair(int n) {
  {
    std::string a = "a";
    co_yield n;
  }
  {
    std::string b = "b";
    co_yield n + 1;
  }
}
// DOT: digraph cosm {
// DOT: label="pair (line 11)";
// DOT: c0_s1 [label="1: co_yield\nline 14"];
// DOT: c0_s2 [label="2: co_yield\nline 18"];
// DOT-DAG: c0_s0 -> c0_s1;
// DOT-DAG: c0_s1 -> c0_s2;
// DOT-DAG: c0_s2 -> c0_done;

// LAYOUT: pair (line 11): struct pair_frame : cosm::lowered::generator_frame<int, void, void>
// LAYOUT: 3 states (start + 2 suspend points)
// LAYOUT: param    int n
// LAYOUT: union 0  std::string a
// LAYOUT: union 0  std::string b

// JSON: "name": "pair",
// JSON: "name": "a",
// JSON: "storage": "union 0",
// JSON: "shares_with": [
// JSON-NEXT: "b"
