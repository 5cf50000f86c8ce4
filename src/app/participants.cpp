#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"

namespace qda::app {

std::vector<ParticipantInfo> list_participants(const Context &ctx) {
    Session s(ctx);
    return store::list_participants(s.db());
}

std::vector<std::string> merge_participants(const Context &ctx,
                                            const std::vector<std::string> &names,
                                            const std::string &into) {
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    std::int64_t target = 0;
    if (auto id = store::participant_id(db, into)) {
        target = *id;
    } else {
        // A new name: the first participant named takes it over, and the others merge into it.
        if (names.empty())
            throw Error(Exit::usage, "participants merge", "name the participants to merge");
        target = require_participant(db, names.front());
        store::rename_participant(db, target, into, changes);
    }
    std::vector<std::string> dropped;
    for (const auto &n : names) {
        auto id = require_participant(db, n);
        if (id == target)
            continue;
        for (auto &d : store::merge_participant(db, id, target, changes))
            dropped.push_back(n + ": " + d);
    }
    std::string summary = fmt::format("{} merged into {}", fmt::join(names, ", "), into);
    if (!dropped.empty())
        summary += fmt::format(" (values dropped: {})", fmt::join(dropped, ", "));
    s.finish(tx, "participant.merge", summary, changes);
    return dropped;
}

void set_interviewer(const Context &ctx, const std::string &name, bool on) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    store::set_interviewer(s.db(), require_participant(s.db(), name), on, changes);
    s.finish(tx, "participant.interviewer",
             fmt::format("{} {} the interviewer", name, on ? "marked as" : "no longer"), changes);
}

void add_alias(const Context &ctx, const std::string &name, const std::string &alias) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    store::add_alias(s.db(), require_participant(s.db(), name), alias, changes);
    s.finish(tx, "participant.alias", fmt::format("{} also known as {}", name, alias), changes);
}

void rename_participant(const Context &ctx, const std::string &name, const std::string &new_name) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    store::rename_participant(s.db(), require_participant(s.db(), name), new_name, changes);
    s.finish(tx, "participant.rename", fmt::format("{} renamed {}", name, new_name), changes);
}

} // namespace qda::app
