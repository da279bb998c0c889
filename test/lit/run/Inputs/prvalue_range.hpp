// A range whose iterator returns prvalues (`prefix` + the index): a reference
// loop variable over it extends each element, so a frame must hold the value.
#pragma once
#include <string>

struct prvalue_range {
  int n;
  const char *prefix = "";
  struct iterator {
    int i;
    const char *prefix;
    std::string operator*() const { return prefix + std::to_string(i); }
    iterator &operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const iterator &o) const { return i != o.i; }
  };
  iterator begin() const { return {0, prefix}; }
  iterator end() const { return {n, prefix}; }
};
