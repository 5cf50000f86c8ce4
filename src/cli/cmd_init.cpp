#include <fmt/format.h>

#include "cli/globals.hpp"

namespace qda::cli {

void add_init(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("init", "Create a project file (project.qda, mode 0600)");
    auto path = std::make_shared<std::string>();
    auto coder = std::make_shared<std::string>();
    cmd->add_option("path", *path, "File or directory for the project (default: ./project.qda)");
    cmd->add_option("--default-coder", *coder,
                    "Coder recorded when --coder and QDA_CODER are not given");
    cmd->callback([&g, path, coder] {
        auto ctx = g.context();
        auto r = app::init(ctx, *path, *coder);
        report::Output out{
            "qda.init/1",
            {{"project", r.path.string()}, {"schema_version", std::int64_t{r.schema_version}}},
            {}};
        if (g.format == "table")
            g.note(fmt::format("created {}", r.path.string()));
        else
            g.print(out, list_formats());
    });
}

} // namespace qda::cli
