#include <fmt/format.h>

#include "cli/globals.hpp"

namespace qda::cli {

void add_participants(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "participants",
        "Speakers across sources as participants: list, merge aliases, mark the interviewer");
    auto names = std::make_shared<std::vector<std::string>>();
    auto into = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    auto other = std::make_shared<std::string>();
    auto off = std::make_shared<bool>(false);
    auto *merge = cmd->add_subcommand("merge", "Merge participants (names or aliases) into one");
    merge->add_option("names", *names, "Participants to merge")->required();
    merge->add_option("--into", *into, "The participant that remains (existing, or a new name)")
        ->required();
    auto *interviewer = cmd->add_subcommand("interviewer", "Mark a participant as the interviewer");
    interviewer->add_option("name", *name, "Participant")->required();
    interviewer->add_flag("--off", *off, "Unmark instead");
    auto *alias =
        cmd->add_subcommand("alias", "Add another spelling under which a participant appears");
    alias->add_option("name", *name, "Participant")->required();
    alias->add_option("alias", *other, "The other spelling")->required();
    auto *rename =
        cmd->add_subcommand("rename", "Rename a participant (the old name stays an alias)");
    rename->add_option("name", *name, "Participant")->required();
    rename->add_option("new", *other, "New name")->required();
    auto *set = cmd->add_subcommand(
        "set", "Set attributes of a participant (same as `qda attr set --participant`)");
    auto kvs = std::make_shared<std::vector<std::string>>();
    set->add_option("name", *name, "Participant")->required();
    set->add_option("pairs", *kvs, "KEY=VALUE ...")->required();

    cmd->callback([&g, cmd] {
        if (!cmd->get_subcommands().empty())
            return;
        report::Table t{"participants", {"name", "interviewer", "sources", "turns", "aliases"}, {}};
        for (const auto &p : app::list_participants(g.context()))
            t.rows.push_back({p.name, p.interviewer, p.sources, p.turns,
                              fmt::format("{}", fmt::join(p.aliases, "; "))});
        g.print({"qda.participants/1", {}, {t}}, list_formats());
    });
    merge->callback([&g, names, into] {
        auto dropped = app::merge_participants(g.context(), *names, *into);
        g.note(fmt::format("merged {} into {}", fmt::join(*names, ", "), *into));
        for (const auto &d : dropped)
            g.note(fmt::format("qda: warning: {} kept its own value; dropped {}", *into, d));
    });
    interviewer->callback([&g, name, off] {
        app::set_interviewer(g.context(), *name, !*off);
        g.note(fmt::format("{} {} the interviewer", *name, *off ? "is no longer" : "marked as"));
    });
    alias->callback([&g, name, other] {
        app::add_alias(g.context(), *name, *other);
        g.note(fmt::format("{} also known as {}", *name, *other));
    });
    rename->callback([&g, name, other] {
        app::rename_participant(g.context(), *name, *other);
        g.note(fmt::format("{} renamed {}", *name, *other));
    });
    set->callback([&g, name, kvs] {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto &kv : *kvs)
            pairs.push_back(key_value(kv, "participants set"));
        app::set_attributes(g.context(), {"participant", *name}, pairs, "");
        g.note(fmt::format("set {} attribute(s) of {}", pairs.size(), *name));
    });
}

} // namespace qda::cli
