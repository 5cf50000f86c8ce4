#include <doctest/doctest.h>

#include "qda/names.hpp"

using qda::model::did_you_mean;
using qda::model::edit_distance;

TEST_CASE("edit distance counts code points, not bytes") {
    CHECK(edit_distance("kue", "kue") == 0);
    CHECK(edit_distance("kue", "kua") == 1);
    CHECK(edit_distance("café", "cafe") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("Peneliti", "peneliti") == 0); // ASCII case is ignored
}

TEST_CASE("did you mean picks the closest name within reach") {
    std::vector<std::string> names{"Peneliti", "Bu Rina", "Pak Hendra"};
    CHECK(did_you_mean("Penelti", names) == "Peneliti");
    CHECK(did_you_mean("Bu Rian", names) == "Bu Rina");
    CHECK_FALSE(did_you_mean("Kak Tiara", names).has_value());
    CHECK_FALSE(did_you_mean("x", {}).has_value());
}
