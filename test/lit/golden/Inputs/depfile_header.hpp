constexpr int kNumber = 42;
