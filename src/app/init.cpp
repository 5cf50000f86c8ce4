#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/error.hpp"
#include "store/project.hpp"

namespace qda::app {

InitResult init(const Context &ctx, const std::filesystem::path &where,
                const std::string &default_coder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path path = where.empty() ? fs::path("project.qda") : where;
    if (fs::is_directory(path, ec))
        path /= "project.qda";
    if (fs::exists(path, ec))
        throw Error(Exit::cant_create, path.string(), "a file of this name already exists",
                    "choose another path, or use the existing project");
    if (auto parent = path.parent_path(); !parent.empty() && !fs::is_directory(parent, ec))
        throw Error(Exit::cant_create, path.string(), "the directory does not exist");
    {
        store::Db db(path, true);
        store::prepare_new(db);
        store::configure(db);
        store::Transaction tx(db);
        store::migrate(db);
        store::set_meta(db, "created_by", actor(ctx, default_coder));
        if (!default_coder.empty())
            store::set_meta(db, "default_coder", default_coder);
        audit::Event e;
        e.actor = actor(ctx, default_coder);
        e.command = ctx.command_line;
        e.action = "init";
        e.summary = fmt::format("project created (schema {})", store::latest_version());
        e.why = ctx.why;
        store::append_event(db, std::move(e), {});
        tx.commit();
    }
    return {fs::absolute(path, ec), store::latest_version()};
}

} // namespace qda::app
