#include <fmt/format.h>

#include "qda/audit.hpp"

namespace qda::audit {

std::string canonical(const Event &e) {
    nlohmann::json j = {
        {"seq", e.seq},         {"time", e.time},     {"actor", e.actor},
        {"command", e.command}, {"action", e.action}, {"summary", e.summary},
        {"changes", e.changes}, {"why", e.why},       {"prev_hash", e.prev_hash},
    };
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string compute_hash(const Event &e) {
    return sha256_hex(canonical(e));
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
