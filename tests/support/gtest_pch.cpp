// Compiles the precompiled GoogleTest headers (tests/CMakeLists.txt) that every test
// executable reuses; it holds no tests.
