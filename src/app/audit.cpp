#include <limits>
#include <map>
#include <optional>
#include <regex>

#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"
#include "store/trail.hpp"

namespace qda::app {

std::vector<audit::Event> audit_log(const Context &ctx, const std::string &since,
                                    const std::string &action) {
    // Event times are UTC ISO 8601 strings, so a well-formed prefix compares correctly as text.
    static const std::regex form(R"(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?)");
    std::string when = since;
    if (!when.empty()) {
        if (!std::regex_match(when, form))
            throw Error(Exit::usage, "--since",
                        fmt::format("\"{}\" is not a UTC date or date-time", since),
                        "write 2024-06-01 or 2024-06-01T10:00");
        if (when.size() > 10)
            when[10] = 'T';
        if (!when.empty() && when.back() == 'Z')
            when.pop_back();
    }
    Session s(ctx);
    return store::events(s.db(), {when, action});
}

VerifyResult audit_verify(const Context &ctx) {
    Session s(ctx);
    auto &db = s.db();
    VerifyResult r;
    auto events = store::events(db);
    r.events = events.size();
    for (const auto &p : audit::verify_chain(events))
        r.problems.push_back(fmt::format("audit event {}: {}", p.seq, p.what));

    // What the trail says each row should be: the last event that touched it. Small events list
    // their rows in their JSON; bulk events list theirs in audit_change, streamed per table.
    struct Last {
        std::int64_t seq = 0;
        std::string op, digest;
    };
    std::map<std::pair<std::string, std::int64_t>, Last> last;
    std::vector<std::int64_t> bulk;
    for (const auto &e : events) {
        if (!e.changes.is_array()) {
            r.problems.push_back(
                fmt::format("audit event {}: its list of changes is unreadable", e.seq));
            continue;
        }
        for (const auto &c : e.changes) {
            if (c.contains("bulk")) {
                bulk.push_back(e.seq);
                if (store::spilled_entry(db, e.seq) != c)
                    r.problems.push_back(
                        fmt::format("audit event {}: its bulk row digests (audit_change, "
                                    "audit_change_run) were changed after it was recorded",
                                    e.seq));
                continue;
            }
            if (!c.contains("table") || !c.contains("id") || !c.contains("op"))
                continue;
            last[{c["table"].get<std::string>(), c["id"].get<std::int64_t>()}] = {
                e.seq, c["op"].get<std::string>(), c.value("digest", std::string{})};
        }
    }
    for (const auto &table : store::tracked_tables()) {
        // Expected rows in id order: the JSON entries of this table merged with spilled rows.
        auto json_it = last.lower_bound({table, std::numeric_limits<std::int64_t>::min()});
        store::SpilledRows spilled(db, table, bulk);
        store::SpilledRows::Row row;
        bool has_row = spilled.next(row);
        std::optional<std::pair<std::int64_t, Last>> expected;
        auto advance = [&] {
            expected.reset();
            bool json_left = json_it != last.end() && json_it->first.first == table;
            if (!json_left && !has_row)
                return;
            std::int64_t id = !json_left ? row.id
                              : !has_row ? json_it->first.second
                                         : std::min(row.id, json_it->first.second);
            Last best;
            if (json_left && json_it->first.second == id) {
                best = json_it->second;
                ++json_it;
            }
            while (has_row && row.id == id) {
                if (row.seq > best.seq)
                    best = {row.seq, row.op, row.digest};
                has_row = spilled.next(row);
            }
            expected.emplace(id, std::move(best));
        };
        auto missing = [&](std::int64_t id, const Last &l) {
            if (l.op != "delete")
                r.problems.push_back(fmt::format(
                    "{} row {}: deleted behind qda's back (last recorded by audit event {})", table,
                    id, l.seq));
        };
        advance();
        store::scan_digests(db, table, [&](std::int64_t id, const std::string &digest) {
            ++r.rows;
            while (expected && expected->first < id) {
                missing(expected->first, expected->second);
                advance();
            }
            if (!expected || expected->first != id) {
                r.problems.push_back(fmt::format(
                    "{} row {}: not recorded by any audit event (added behind qda's back)", table,
                    id));
                return;
            }
            const auto &l = expected->second;
            if (l.op == "delete")
                r.problems.push_back(fmt::format(
                    "{} row {}: deleted by audit event {} but present again", table, id, l.seq));
            else if (digest != l.digest)
                r.problems.push_back(fmt::format(
                    "{} row {}: changed behind qda's back since audit event {}", table, id, l.seq));
            advance();
        });
        while (expected) {
            missing(expected->first, expected->second);
            advance();
        }
    }
    for (auto &p : store::check_source_content(db))
        r.problems.push_back(std::move(p));
    return r;
}

} // namespace qda::app
