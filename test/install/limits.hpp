// Included by consumer.cpp: run.sh edits it to check that the lowering
// re-runs when a header changes.
#pragma once
constexpr int kStart = 3;
