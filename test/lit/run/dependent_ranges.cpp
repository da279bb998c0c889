// Range-for with a suspend point over a dependent range in templates: begin
// and end are picked by the rules of the language (arrays, member begin/end,
// argument-dependent lookup) and the loop variable's `auto`, `auto &` or
// `const auto &` is deduced from the iterator. Also overloads, default
// arguments and coroutines declared before they are defined.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <list>
#include <string>
#include <vector>

#include "Inputs/prvalue_range.hpp"

namespace shelf {
// A range found only by argument-dependent lookup.
struct books {
  const char *titles[3];
};
inline const char *const *begin(const books &b) { return b.titles; }
inline const char *const *end(const books &b) { return b.titles + 3; }
} // namespace shelf

template <class C> cosm::generator<std::string> labelled(const C &c) {
  int i = 0;
  for (const auto &item : c) {
    co_yield std::to_string(i) + "=" + std::string(item);
    ++i;
  }
}

template <class C> cosm::generator<int> bump_all(C &c) {
  for (auto &x : c) {
    co_yield x;
    x *= 10; // through the reference, into the caller's container
  }
}

template <class C> cosm::generator<int> copies(C c) {
  for (auto x : c) {
    x += 1; // the copy
    co_yield x;
  }
}

template <class T, std::size_t N> cosm::generator<T> from_array(T (&arr)[N]) {
  for (T &v : arr)
    co_yield v;
}

template <class T> struct stack_of {
  std::vector<T> items;
  cosm::generator<T> top_down() const {
    for (auto it = items.rbegin(); it != items.rend(); ++it)
      co_yield *it;
  }
  cosm::generator<T> each() const {
    for (const T &v : items)
      co_yield v;
  }
};

// `auto` locals with dependent initializers: references that may bind a
// temporary hold it (per instantiation), others point at their referent.

template <class R, class F> cosm::generator<std::string> deduced(R r, F make) {
  for (auto &&d : r) {
    co_yield d;
    d += "'";
    co_yield d;
  }
  const auto &held = make();
  auto &&also = make();
  auto copy = make() + "+";
  auto *ptr = &copy;
  co_yield held;
  also += "!";
  co_yield also;
  co_yield *ptr;
}

cosm::generator<int> counted(int n = 2) {
  for (int i = 0; i < n; ++i)
    co_yield i;
}
cosm::generator<int> counted(double d) { co_yield static_cast<int>(d * 10); }
cosm::generator<int> declared_first(int n);

int main() {
  std::vector<std::string> names{"ann", "bob"};
  for (const std::string &s : labelled(names))
    std::printf("%s\n", s.c_str());
  shelf::books b{{"dune", "emma", "ulysses"}};
  for (const std::string &s : labelled(b))
    std::printf("%s\n", s.c_str());
  std::list<int> nums{1, 2};
  for (int x : bump_all(nums))
    std::printf("bump %d\n", x);
  std::printf("now %d %d\n", nums.front(), nums.back());
  for (int x : copies(nums))
    std::printf("copy %d\n", x);
  int arr[3] = {7, 8, 9};
  for (int x : from_array(arr))
    std::printf("arr %d\n", x);
  stack_of<std::string> st{{"a", "b", "c"}};
  for (const std::string &s : st.top_down())
    std::printf("top %s\n", s.c_str());
  for (const std::string &s : st.each())
    std::printf("each %s\n", s.c_str());
  for (int x : counted())
    std::printf("counted %d\n", x);
  for (int x : counted(0.5))
    std::printf("counted %d\n", x);
  for (int x : declared_first(4))
    std::printf("declared %d\n", x);
  int made = 0;
  for (const std::string &s : deduced(prvalue_range{2}, [&made] {
         return "made" + std::to_string(++made);
       }))
    std::printf("deduced %s\n", s.c_str());
  std::vector<std::string> words{"x"};
  for (const std::string &s : deduced(words, [] { return std::string("w"); }))
    std::printf("deduced %s\n", s.c_str());
  std::printf("words %s\n", words[0].c_str());
}

cosm::generator<int> declared_first(int n) { co_yield n * 2; }
// CHECK: 0=ann
// CHECK-NEXT: 1=bob
// CHECK-NEXT: 0=dune
// CHECK-NEXT: 1=emma
// CHECK-NEXT: 2=ulysses
// CHECK-NEXT: bump 1
// CHECK-NEXT: bump 2
// CHECK-NEXT: now 10 20
// CHECK-NEXT: copy 11
// CHECK-NEXT: copy 21
// CHECK-NEXT: arr 7
// CHECK-NEXT: arr 8
// CHECK-NEXT: arr 9
// CHECK-NEXT: top c
// CHECK-NEXT: top b
// CHECK-NEXT: top a
// CHECK-NEXT: each a
// CHECK-NEXT: each b
// CHECK-NEXT: each c
// CHECK-NEXT: counted 0
// CHECK-NEXT: counted 1
// CHECK-NEXT: counted 5
// CHECK-NEXT: declared 8
// CHECK-NEXT: deduced 0
// CHECK-NEXT: deduced 0'
// CHECK-NEXT: deduced 1
// CHECK-NEXT: deduced 1'
// CHECK-NEXT: deduced made1
// CHECK-NEXT: deduced made2!
// CHECK-NEXT: deduced made3+
// CHECK-NEXT: deduced x
// CHECK-NEXT: deduced x'
// CHECK-NEXT: deduced w
// CHECK-NEXT: deduced w!
// CHECK-NEXT: deduced w+
// CHECK-NEXT: words x
