#pragma once
// Access to ../shared reference files for real-file tests. When shared/ is absent the test
// says so on stderr and is counted as skipped, never silently passed.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace qda::testing {

inline std::filesystem::path shared_dir() {
    return QDA_SHARED_DIR;
}

/// Bytes of a file under shared/, or empty after a loud skip message when shared/ is absent.
inline bool have_shared(const std::string &rel) {
    auto p = shared_dir() / rel;
    if (std::filesystem::exists(p))
        return true;
    std::fprintf(stderr, "SKIPPED (shared/ absent): %s not found\n", p.c_str());
    return false;
}

inline std::string read_file(const std::filesystem::path &p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << p);
    return {std::istreambuf_iterator<char>(in), {}};
}

inline std::string read_shared(const std::string &rel) {
    return read_file(shared_dir() / rel);
}

} // namespace qda::testing
