#include <doctest/doctest.h>

#include "qda/audit.hpp"

using qda::audit::Event;

namespace {

std::vector<Event> chain(int n) {
    std::vector<Event> v;
    std::string prev(qda::audit::genesis);
    for (int i = 1; i <= n; ++i) {
        Event e;
        e.seq = i;
        e.time = "2024-06-08T09:00:0" + std::to_string(i) + ".000Z";
        e.actor = "ani";
        e.command = "qda import u01.md";
        e.action = "import";
        e.summary = "imported 1 source(s)";
        e.changes = nlohmann::json::array(
            {{{"table", "source"}, {"id", i}, {"op", "insert"}, {"digest", "ab"}}});
        e.why = "wawancara ke-" + std::to_string(i);
        e.prev_hash = prev;
        e.hash = qda::audit::compute_hash(e);
        prev = e.hash;
        v.push_back(e);
    }
    return v;
}

} // namespace

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
    CHECK(qda::audit::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(qda::audit::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("Hasher fields are length-prefixed") {
    qda::audit::Hasher a, b;
    a.field("ab");
    a.field("c");
    b.field("a");
    b.field("bc");
    CHECK(a.hex() != b.hex());
}

TEST_CASE("fields gathered with put_field hash as field() by field() does") {
    // Row digests gather a row's fields into one buffer; the digests already stored in projects
    // were made field by field, so both must give the same bytes to SHA-256.
    const std::vector<std::string> fields = {"I42", "", std::string(5000, 'x'), "Teks \xc3\xa9"};
    qda::audit::Hasher h;
    std::string buf;
    for (const auto &f : fields) {
        h.field(f);
        const auto at = buf.size();
        buf.resize(at + 8 + f.size());
        qda::audit::put_field(buf.data() + at, f);
    }
    CHECK(buf.size() == 8 * fields.size() + 3 + 5000 + 7);
    CHECK(qda::audit::sha256_hex(buf) == h.hex());
    std::string hex;
    qda::audit::append_hex(hex, std::string("\x00\xab\xff", 3));
    CHECK(hex == "00abff");
    CHECK(qda::audit::hex_to_bytes(hex) == std::string("\x00\xab\xff", 3));
    CHECK(qda::audit::hex_to_bytes("00ABff") == std::string("\x00\xab\xff", 3));
    CHECK(qda::audit::hex_to_bytes("") == "");
    // Not hex, or an odd number of digits: nothing.
    CHECK(qda::audit::hex_to_bytes("0g").empty());
    CHECK(qda::audit::hex_to_bytes("abc").empty());
    CHECK(qda::audit::hex_to_bytes("a:").empty());
}

TEST_CASE("sha256_hex gives the same digest when called again on one thread") {
    // A digest must not leak into the next one on the same thread.
    auto a = qda::audit::sha256_hex("abc");
    auto b = qda::audit::sha256_hex(std::string(100000, 'q'));
    CHECK(qda::audit::sha256_hex("abc") == a);
    CHECK(qda::audit::sha256_hex(std::string(100000, 'q')) == b);
    CHECK(a != b);
}

TEST_CASE("canonical form is stable and covers every field but the hash") {
    auto v = chain(1);
    auto c = qda::audit::canonical(v[0]);
    CHECK(c.find("\"why\":\"wawancara ke-1\"") != std::string::npos);
    CHECK(c.find(v[0].hash) == std::string::npos);
    auto e = v[0];
    e.hash = "something else";
    CHECK(qda::audit::canonical(e) == c);
    e.summary += ".";
    CHECK(qda::audit::canonical(e) != c);
}

TEST_CASE("an intact chain verifies") {
    CHECK(qda::audit::verify_chain(chain(5)).empty());
    CHECK(qda::audit::verify_chain({}).empty());
}

TEST_CASE("an edited event breaks its hash") {
    auto v = chain(4);
    v[2].why = "changed later";
    auto p = qda::audit::verify_chain(v);
    REQUIRE(p.size() == 1);
    CHECK(p[0].seq == 3);
    CHECK(p[0].what.find("hash mismatch") != std::string::npos);
}

TEST_CASE("a deleted event leaves a gap and a broken link") {
    auto v = chain(4);
    v.erase(v.begin() + 1);
    auto p = qda::audit::verify_chain(v);
    REQUIRE(p.size() == 2);
    CHECK(p[0].what.find("missing") != std::string::npos);
    CHECK(p[1].what.find("link broken") != std::string::npos);
}

TEST_CASE("a rehashed edit still breaks the next link") {
    auto v = chain(3);
    v[1].why = "forged";
    v[1].hash = qda::audit::compute_hash(v[1]);
    auto p = qda::audit::verify_chain(v);
    REQUIRE(p.size() == 1);
    CHECK(p[0].seq == 3);
}
