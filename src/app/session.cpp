#include "app/session.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/project.hpp"
#include "store/repo.hpp"

namespace qda::app {

std::filesystem::path locate_project(const Context &ctx) {
    namespace fs = std::filesystem;
    auto check = [](const fs::path &p, const char *how) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            auto f = p / "project.qda";
            if (fs::exists(f, ec))
                return f;
            throw Error(Exit::no_input, p.string(),
                        fmt::format("no project.qda in this directory ({})", how),
                        "create one with `qda init`");
        }
        if (!fs::exists(p, ec))
            throw Error(Exit::no_input, p.string(), fmt::format("project not found ({})", how),
                        "create one with `qda init`");
        return p;
    };
    if (!ctx.project.empty())
        return check(ctx.project, "--project");
    if (const char *env = std::getenv("QDA_PROJECT"); env && *env)
        return check(env, "QDA_PROJECT");
    std::error_code ec;
    for (auto dir = fs::current_path(ec); !dir.empty(); dir = dir.parent_path()) {
        auto f = dir / "project.qda";
        if (fs::exists(f, ec))
            return f;
        if (dir == dir.root_path())
            break;
    }
    throw Error(Exit::no_input, "project.qda", "no project found in this directory or any parent",
                "run `qda init` here, or name one with --project or QDA_PROJECT");
}

std::string actor(const Context &ctx, const std::string &project_default) {
    if (!ctx.coder.empty())
        return ctx.coder;
    if (const char *env = std::getenv("QDA_CODER"); env && *env)
        return env;
    if (!project_default.empty())
        return project_default;
    if (auto *pw = ::getpwuid(::getuid()); pw && pw->pw_name)
        return pw->pw_name;
    if (const char *u = std::getenv("USER"); u && *u)
        return u;
    return "unknown";
}

Session::Session(const Context &ctx) : ctx_(ctx) {
    auto path = locate_project(ctx);
    db_ = std::make_unique<store::Db>(path, false);
    int pending = store::check_project(*db_);
    store::configure(*db_);
    actor_ = app::actor(ctx, store::meta(*db_, "default_coder"));
    if (pending > 0) {
        int from = store::schema_version(*db_);
        store::Transaction tx(*db_);
        store::migrate(*db_);
        finish(tx, "migrate",
               fmt::format("schema migrated from version {} to {}", from, store::latest_version()),
               {});
    }
}

audit::Event Session::finish(store::Transaction &tx, const std::string &action,
                             const std::string &summary, const store::ChangeSet &changes) {
    audit::Event e;
    e.actor = actor_;
    e.command = ctx_.command_line;
    e.action = action;
    e.summary = summary;
    e.why = ctx_.why;
    auto out = store::append_event(*db_, std::move(e), changes);
    tx.commit();
    return out;
}

void not_found(const std::string &what, const std::string &name,
               const std::vector<std::string> &known) {
    std::string hint;
    if (auto s = model::did_you_mean(name, known))
        hint = fmt::format("did you mean \"{}\"?", *s);
    throw Error(Exit::no_input, name, fmt::format("no {} with this name", what), hint);
}

std::int64_t require_source(store::Db &db, const std::string &name) {
    if (auto id = store::source_id(db, name))
        return *id;
    not_found("source", name, store::source_names(db));
}

std::int64_t require_case(store::Db &db, const std::string &name) {
    if (auto id = store::case_id(db, name))
        return *id;
    not_found("case", name, store::case_names(db));
}

std::int64_t require_participant(store::Db &db, const std::string &name) {
    if (auto id = store::participant_id(db, name))
        return *id;
    not_found("participant", name, store::participant_names(db));
}

} // namespace qda::app
