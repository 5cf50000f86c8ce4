// `qda autocode undo RUN` and `qda autocode runs`.
#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/autocode.hpp"
#include "qda/error.hpp"
#include "store/autocode.hpp"
#include "store/codes.hpp"

namespace qda::app {

AutocodeUndoResult autocode_undo(const Context &ctx, std::int64_t run_id) {
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    changes.attach(s.db());
    auto run = store::run_by_id(s.db(), run_id);
    if (!run)
        throw Error(Exit::no_input, fmt::format("run {}", run_id), "no autocoding run with this id",
                    "`qda autocode runs` lists them");
    if (!run->undone_at.empty())
        throw Error(Exit::data, fmt::format("run {}", run_id),
                    fmt::format("already undone at {}", run->undone_at));
    store::CodingFilter f;
    f.run_id = run_id;
    AutocodeUndoResult res{run_id, 0};
    for (const auto &c : store::codings(s.db(), f)) {
        store::delete_coding(s.db(), c, changes);
        ++res.removed;
    }
    run->undone_at = store::append_time_now();
    store::update_run(s.db(), *run, changes);
    s.finish(tx, "autocode.undo",
             fmt::format("autocode run {} undone: {} codings removed", run_id, res.removed),
             changes);
    return res;
}

std::vector<AutocodeRunInfo> autocode_runs(const Context &ctx) {
    Session s(ctx);
    std::vector<AutocodeRunInfo> out;
    for (const auto &r : store::all_runs(s.db()))
        out.push_back({r.id, r.codings, store::run_codings(s.db(), r.id), r.rules_path,
                       r.rules_sha256, r.coder, r.created_at, r.undone_at});
    return out;
}

} // namespace qda::app
