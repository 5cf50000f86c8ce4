// SHA-256 through OpenSSL's own SHA-256 functions, not EVP: EVP fetches the digest from the
// default provider, which links every algorithm of libcrypto into qda (2.2 MB of code, and
// 336 KB of tables relocated at every start) to hash with one. These functions are deprecated
// in OpenSSL 3.0 in favour of EVP but kept; docs/decisions.md has the figures.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <string>

#include "qda/ascii.hpp"
#include "qda/audit.hpp"

namespace qda::audit {
namespace {

void put_hex(std::string &out, const unsigned char *d, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    const std::size_t at = out.size();
    out.resize(at + 2 * n);
    char *p = out.data() + at;
    for (std::size_t i = 0; i < n; ++i) {
        p[2 * i] = digits[d[i] >> 4];
        p[2 * i + 1] = digits[d[i] & 15];
    }
}

/// hex_digit of every byte, looked up: digests are decoded by the ten thousand.
constexpr std::array<signed char, 256> hex_values = [] {
    std::array<signed char, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = static_cast<signed char>(hex_digit(static_cast<char>(c)));
    return t;
}();

std::string to_hex(const unsigned char *d, unsigned n) {
    std::string out;
    out.reserve(2 * std::size_t{n});
    put_hex(out, d, n);
    return out;
}

} // namespace

Hasher::Hasher() : ctx_(new SHA256_CTX) {
    SHA256_Init(static_cast<SHA256_CTX *>(ctx_));
}

Hasher::~Hasher() {
    delete static_cast<SHA256_CTX *>(ctx_);
}

void Hasher::add(std::string_view bytes) {
    SHA256_Update(static_cast<SHA256_CTX *>(ctx_), bytes.data(), bytes.size());
}

void Hasher::field(std::string_view bytes) {
    std::array<char, 8> len{};
    put_field_length(len.data(), bytes.size());
    add({len.data(), len.size()});
    add(bytes);
}

void append_hex(std::string &out, std::string_view bytes) {
    put_hex(out, reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
}

std::string Hasher::hex() {
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256_Final(d, static_cast<SHA256_CTX *>(ctx_));
    return to_hex(d, SHA256_DIGEST_LENGTH);
}

std::string Hasher::hex_so_far() const {
    SHA256_CTX copy = *static_cast<const SHA256_CTX *>(ctx_);
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256_Final(d, &copy);
    return to_hex(d, SHA256_DIGEST_LENGTH);
}

std::string hex_to_bytes(std::string_view hex) {
    // Decoded here, as put_hex encodes: OPENSSL_hexstr2buf_ex reports errors through OpenSSL's
    // error queue, and that links OpenSSL's whole initialisation (providers, engines) into qda.
    if (hex.size() % 2)
        return {};
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = hex_values[static_cast<unsigned char>(hex[2 * i])],
            lo = hex_values[static_cast<unsigned char>(hex[2 * i + 1])];
        if ((hi | lo) < 0)
            return {};
        out[i] = static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string bytes_to_hex(std::string_view bytes) {
    return to_hex(reinterpret_cast<const unsigned char *>(bytes.data()),
                  static_cast<unsigned>(bytes.size()));
}

Digest sha256(std::string_view bytes) {
    static_assert(std::tuple_size_v<Digest> == SHA256_DIGEST_LENGTH);
    SHA256_CTX ctx;
    Digest d;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, bytes.data(), bytes.size());
    SHA256_Final(d.data(), &ctx);
    return d;
}

std::string sha256_hex(std::string_view bytes) {
    return bytes_to_hex(bytes_of(sha256(bytes)));
}

} // namespace qda::audit
