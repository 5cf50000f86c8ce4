// Ranges of --lines and --chars, as `qda code` and `qda uncode` read them.
#include <doctest/doctest.h>

#include "qda/coding.hpp"
#include "qda/error.hpp"

using namespace qda;

TEST_CASE("--lines takes A-B or one line N") {
    CHECK(app::parse_range("12-14", "--lines") == std::pair<std::int64_t, std::int64_t>{12, 14});
    CHECK(app::parse_range("7", "--lines") == std::pair<std::int64_t, std::int64_t>{7, 7});
}

TEST_CASE("--chars takes A-B only") {
    CHECK(app::parse_range("0-25", "--chars") == std::pair<std::int64_t, std::int64_t>{0, 25});
    CHECK_THROWS_AS(app::parse_range("25", "--chars"), Error);
}

TEST_CASE("malformed ranges are usage errors naming the option") {
    for (const char *bad : {"", "-", "a-b", "3-", "-4", "1-2-3", "1.5-2", " 1-2"}) {
        CAPTURE(bad);
        try {
            app::parse_range(bad, "--chars");
            FAIL("accepted");
        } catch (const Error &e) {
            CHECK(e.code() == Exit::usage);
            CHECK(e.where() == "--chars");
        }
    }
}
