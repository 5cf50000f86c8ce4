#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

/// The tamper-evident trail: events, their canonical form and the hash chain.
namespace qda::audit {

/// One recorded change of a project. `changes` is a JSON array of
/// {"table","id","op" (insert|update|delete),"digest", optional "before"/"after"}.
struct Event {
    std::int64_t seq = 0;
    std::string time;    ///< UTC, ISO 8601 with milliseconds
    std::string actor;   ///< --coder, QDA_CODER, project default, or the OS user
    std::string command; ///< the command line as typed
    std::string action;  ///< "init", "import", "attr.set", ...
    std::string summary; ///< one line for people
    nlohmann::json changes = nlohmann::json::array();
    std::string why;
    std::string prev_hash;
    std::string hash;
};

/// Hash of the chain's start, so the first event also names a predecessor.
inline constexpr std::string_view genesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// A SHA-256 digest as bytes.
using Digest = std::array<unsigned char, 32>;
/// SHA-256 of bytes.
Digest sha256(std::string_view bytes);
/// SHA-256 of bytes, lower-case hex.
std::string sha256_hex(std::string_view bytes);

/// Hex digits to the bytes they spell (a digest stored compactly); empty when not hex.
std::string hex_to_bytes(std::string_view hex);
/// Bytes as lower-case hex.
std::string bytes_to_hex(std::string_view bytes);
/// Appends `bytes` as lower-case hex.
void append_hex(std::string &out, std::string_view bytes);
/// Writes at `p` the length that starts what Hasher::field hashes: `n` as 8 bytes,
/// little-endian. Returns the end.
inline char *put_field_length(char *p, std::size_t n) {
    for (std::size_t i = 0; i < 8; ++i)
        *p++ = static_cast<char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xff);
    return p;
}
/// Writes at `p` (room for 8 + bytes.size()) what Hasher::field hashes: the length, then the
/// bytes; returns the end. Rows encoded this way into one buffer and hashed with one add() give
/// the same digest as field() by field(), with one call into OpenSSL instead of two per field.
inline char *put_field(char *p, std::string_view bytes) {
    p = put_field_length(p, bytes.size());
    if (!bytes.empty())
        std::memcpy(p, bytes.data(), bytes.size());
    return p + bytes.size();
}
/// A digest's bytes, as the functions taking bytes take them.
inline std::string_view bytes_of(const Digest &d) {
    return {reinterpret_cast<const char *>(d.data()), d.size()};
}

/// Streaming SHA-256, for digests over many rows without building one big string.
class Hasher {
  public:
    Hasher();
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;
    void add(std::string_view bytes);
    /// Length-prefixed field, so ("ab","c") and ("a","bc") hash differently (put_field).
    void field(std::string_view bytes);
    std::string hex();
    /// The hex digest of what was added so far; more can be added after.
    std::string hex_so_far() const;

  private:
    void *ctx_;
};

/// The bytes the event's hash covers: every field but `hash`, as compact JSON with sorted keys.
std::string canonical(const Event &e);

/// SHA-256 over canonical(e).
std::string compute_hash(const Event &e);
/// The same, given `changes_json`, which must be e.changes.dump() (the compact dump stored).
std::string compute_hash(const Event &e, std::string_view changes_json);

/// A break in the chain: an event whose hash or link does not match.
struct Problem {
    std::int64_t seq;
    std::string what;
};

/// Recompute every hash and link, in order of seq.
std::vector<Problem> verify_chain(const std::vector<Event> &events);

} // namespace qda::audit
