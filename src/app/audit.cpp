#include <map>
#include <regex>
#include <set>

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

    struct Last {
        std::int64_t seq;
        std::string op, digest;
    };
    std::map<std::pair<std::string, std::int64_t>, Last> last;
    for (const auto &e : events) {
        if (!e.changes.is_array()) {
            r.problems.push_back(
                fmt::format("audit event {}: its list of changes is unreadable", e.seq));
            continue;
        }
        for (const auto &c : e.changes) {
            if (!c.contains("table") || !c.contains("id") || !c.contains("op"))
                continue;
            last[{c["table"].get<std::string>(), c["id"].get<std::int64_t>()}] = {
                e.seq, c["op"].get<std::string>(), c.value("digest", std::string{})};
        }
    }
    std::set<std::pair<std::string, std::int64_t>> present;
    for (const auto &table : store::tracked_tables()) {
        store::scan_digests(db, table, [&](std::int64_t id, const std::string &digest) {
            ++r.rows;
            present.emplace(table, id);
            auto it = last.find({table, id});
            if (it == last.end()) {
                r.problems.push_back(fmt::format(
                    "{} row {}: not recorded by any audit event (added behind qda's back)", table,
                    id));
                return;
            }
            if (it->second.op == "delete") {
                r.problems.push_back(
                    fmt::format("{} row {}: deleted by audit event {} but present again", table, id,
                                it->second.seq));
                return;
            }
            if (digest != it->second.digest)
                r.problems.push_back(
                    fmt::format("{} row {}: changed behind qda's back since audit event {}", table,
                                id, it->second.seq));
        });
    }
    for (const auto &[key, l] : last) {
        if (l.op == "delete")
            continue;
        if (!present.count(key))
            r.problems.push_back(fmt::format(
                "{} row {}: deleted behind qda's back (last recorded by audit event {})", key.first,
                key.second, l.seq));
    }
    for (auto &p : store::check_source_content(db))
        r.problems.push_back(std::move(p));
    return r;
}

} // namespace qda::app
