#include <fmt/format.h>

#include "qda/audit.hpp"

namespace qda::audit {

namespace {

std::string dump(const nlohmann::json &v) {
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

/// canonical(e) given the compact dump of e.changes: the object written key by key in sorted
/// order (as nlohmann writes an object), so the changes, thousands of rows after an import,
/// are neither copied into a temporary object nor dumped twice.
std::string canonical_with(const Event &e, std::string_view changes) {
    std::string out = "{";
    auto key = [&](const char *k) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        out += k;
        out += "\":";
    };
    key("action");
    out += dump(e.action);
    key("actor");
    out += dump(e.actor);
    key("changes");
    out += changes;
    key("command");
    out += dump(e.command);
    key("prev_hash");
    out += dump(e.prev_hash);
    key("seq");
    out += dump(e.seq);
    key("summary");
    out += dump(e.summary);
    key("time");
    out += dump(e.time);
    key("why");
    out += dump(e.why);
    out += '}';
    return out;
}

} // namespace

std::string canonical(const Event &e) {
    return canonical_with(e, dump(e.changes));
}

std::string compute_hash(const Event &e) {
    return sha256_hex(canonical(e));
}

std::string compute_hash(const Event &e, std::string_view changes_json) {
    return sha256_hex(canonical_with(e, changes_json));
}

std::vector<Problem> verify_chain(const std::vector<Event> &events) {
    std::vector<Problem> out;
    std::string prev(genesis);
    std::int64_t expect_seq = 1;
    for (const auto &e : events) {
        if (e.seq != expect_seq)
            out.push_back({e.seq, fmt::format("event {} missing: sequence jumps from {} to {}",
                                              expect_seq, expect_seq - 1, e.seq)});
        if (e.prev_hash != prev)
            out.push_back(
                {e.seq, "link broken: prev_hash does not match the hash of the event before"});
        if (compute_hash(e) != e.hash)
            out.push_back({e.seq, "hash mismatch: the event was changed after it was recorded"});
        prev = e.hash;
        expect_seq = e.seq + 1;
    }
    return out;
}

} // namespace qda::audit
