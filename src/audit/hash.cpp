#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "qda/audit.hpp"

namespace qda::audit {
namespace {

void put_hex(std::string &out, const unsigned char *d, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[d[i] >> 4];
        out += digits[d[i] & 15];
    }
}

std::string to_hex(const unsigned char *d, unsigned n) {
    std::string out;
    out.reserve(2 * std::size_t{n});
    put_hex(out, d, n);
    return out;
}

/// SHA-256 fetched from its provider once: EVP_sha256() would be fetched again (under a lock)
/// by every initialisation, and bulk writes digest one row at a time.
const EVP_MD *sha256_md() {
    static const EVP_MD *md = [] {
        const EVP_MD *m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return m ? m : EVP_sha256();
    }();
    return md;
}

} // namespace

Hasher::Hasher() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(ctx_), sha256_md(), nullptr) != 1)
        throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
}

Hasher::~Hasher() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(ctx_));
}

void Hasher::add(std::string_view bytes) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(ctx_), bytes.data(), bytes.size());
}

namespace {
std::array<char, 8> length_prefix(std::uint64_t n) {
    std::array<char, 8> len{};
    for (int i = 0; i < 8; ++i)
        len[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    return len;
}
} // namespace

void Hasher::field(std::string_view bytes) {
    auto len = length_prefix(bytes.size());
    add({len.data(), len.size()});
    add(bytes);
}

void append_field(std::string &out, std::string_view bytes) {
    auto len = length_prefix(bytes.size());
    out.append(len.data(), len.size());
    out.append(bytes);
}

void append_hex(std::string &out, std::string_view bytes) {
    put_hex(out, reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
}

std::string Hasher::hex() {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(ctx_), d, &n);
    return to_hex(d, n);
}

std::string hex_to_bytes(std::string_view hex) {
    std::string str(hex);
    std::string out(hex.size() / 2, '\0');
    std::size_t n = 0;
    if (hex.size() % 2 || OPENSSL_hexstr2buf_ex(reinterpret_cast<unsigned char *>(out.data()),
                                                out.size(), &n, str.c_str(), '\0') != 1)
        return {};
    out.resize(n);
    return out;
}

std::string bytes_to_hex(std::string_view bytes) {
    return to_hex(reinterpret_cast<const unsigned char *>(bytes.data()),
                  static_cast<unsigned>(bytes.size()));
}

std::string sha256_hex(std::string_view bytes) {
    // One context per thread, initialised again for each digest: rows are digested one by one
    // by the thousand, and a context's allocation cost more than hashing a row.
    struct Ctx {
        EVP_MD_CTX *c = EVP_MD_CTX_new();
        ~Ctx() { EVP_MD_CTX_free(c); }
    };
    thread_local Ctx ctx;
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (!ctx.c || EVP_DigestInit_ex(ctx.c, sha256_md(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.c, bytes.data(), bytes.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.c, d, &n) != 1)
        throw std::runtime_error("OpenSSL: cannot compute SHA-256");
    return to_hex(d, n);
}

} // namespace qda::audit
