// Shared by the benchmark sources: naming and the one optimisation barrier.
//
// generators.cpp and tasks.cpp are compiled twice into the same executable,
// natively (C++20) and lowered by cosm (C++17). Everything in them lives in an
// anonymous namespace, so the two copies do not collide; COSM_BENCH_MODE
// (native or lowered, set by CMakeLists.txt) names their benchmarks
// "<group>/<mode>[/<arg>]". The baselines register "<group>/<baseline>".
#pragma once

#include <benchmark/benchmark.h>

#ifndef COSM_BENCH_MODE
#if __cplusplus >= 202002L
#define COSM_BENCH_MODE native
#else
#define COSM_BENCH_MODE lowered
#endif
#endif

#define COSM_BENCH_STR2(x) #x
#define COSM_BENCH_STR(x) COSM_BENCH_STR2(x)

// Registers `fn` as "<group>/<variant>".
#define COSM_BENCH_AS(group, variant, fn)                                      \
  BENCHMARK(fn)->Name(group "/" variant)
// Registers `fn` as "<group>/<mode of this translation unit>".
#define COSM_BENCH(group, fn)                                                  \
  COSM_BENCH_AS(group, COSM_BENCH_STR(COSM_BENCH_MODE), fn)

namespace cosm_bench {

// Makes `value` unknown to the optimiser without forcing it (or anything
// else) into memory: the sums below stay real loops (no closed form, no
// vectorisation), while everything around them is optimised as usual.
// benchmark::DoNotOptimize would add a "memory" clobber on every element.
template <class T> inline void opaque(T &value) {
  asm volatile("" : "+r"(value));
}

// Sizes shared by the variants of one group, so that their rows compare.
inline constexpr int gen_items = 1000;   // values per generator
inline constexpr int switch_rounds = 100; // sleep(0) per task

} // namespace cosm_bench
