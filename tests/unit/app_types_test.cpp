#include <doctest/doctest.h>

#include "qda/app.hpp"

using qda::app::check_type;
using qda::app::infer_type;

TEST_CASE("attribute types are inferred from the value") {
    CHECK(infer_type("48") == "integer");
    CHECK(infer_type("-3") == "integer");
    CHECK(infer_type("007") == "text"); // a code, not a number
    CHECK(infer_type("12.5") == "float");
    CHECK(infer_type("2024-06-08") == "date");
    CHECK(infer_type("yes") == "boolean");
    CHECK(infer_type("kuliner") == "text");
    CHECK(infer_type("40-49") == "text");
    CHECK(infer_type("") == "text");
}

TEST_CASE("values are checked and canonicalised by type") {
    CHECK(check_type("+5", "integer") == "5");
    CHECK_FALSE(check_type("5 tahun", "integer"));
    CHECK(check_type("12,5", "float") == "12.5"); // Indonesian decimal comma
    CHECK_FALSE(check_type("2024-13-01", "date"));
    CHECK(check_type("Ya", "boolean") == "true");
    CHECK(check_type("tidak", "boolean") == "false");
    CHECK_FALSE(check_type("mungkin", "boolean"));
}
