#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

struct Target {
    std::string source, kase, participant;
    app::AttrTarget get(bool need_name) const {
        int n = !source.empty() + !kase.empty() + !participant.empty();
        if (n > 1)
            throw Error(Exit::usage, "attr", "name one of --source, --case, --participant");
        if (n == 0 && need_name)
            throw Error(Exit::usage, "attr",
                        "name what the attribute belongs to: --source, --case or --participant");
        if (!source.empty())
            return {"source", source};
        if (!kase.empty())
            return {"case", kase};
        if (!participant.empty())
            return {"participant", participant};
        return {"", ""};
    }
};

void add_target(CLI::App *c, Target &t) {
    c->add_option("--source", t.source, "A source, by name");
    c->add_option("--case", t.kase, "A case, by name");
    c->add_option("--participant", t.participant, "A participant, by name or alias");
}

} // namespace

void add_attr(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand("attr", "Typed attributes of sources, cases and participants");
    cmd->require_subcommand(1);
    auto t = std::make_shared<Target>();
    auto kvs = std::make_shared<std::vector<std::string>>();
    auto type = std::make_shared<std::string>();
    auto *set = cmd->add_subcommand("set", "Set KEY=VALUE attributes");
    add_target(set, *t);
    set->add_option("pairs", *kvs, "KEY=VALUE ...")->required();
    set->add_option("--type", *type,
                    "text, integer, float, date or boolean (default: inferred from the value)");
    auto *unset = cmd->add_subcommand("unset", "Remove attributes");
    add_target(unset, *t);
    unset->add_option("keys", *kvs, "KEY ...")->required();
    auto *list = cmd->add_subcommand("list", "List attribute values");
    auto entity = std::make_shared<std::string>();
    add_target(list, *t);
    list->add_option("--of", *entity, "Only attributes of sources, cases or participants")
        ->check(CLI::IsMember({"source", "case", "participant"}));
    auto *imp = cmd->add_subcommand(
        "import", "Import a CSV/TSV table: one row per case, source or participant");
    auto file = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    auto create = std::make_shared<bool>(false);
    auto ent = std::make_shared<std::string>("case");
    imp->add_option("file", *file, "CSV or TSV file with a header row")->required();
    imp->add_option("--entity", *ent, "What each row describes: case, source or participant")
        ->check(CLI::IsMember({"source", "case", "participant"}));
    imp->add_option("--key-column", *key,
                    "Column naming the case/source/participant (default: the first)");
    imp->add_flag("--create", *create, "Create cases that do not exist yet");

    set->callback([&g, t, kvs, type] {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto &kv : *kvs)
            pairs.push_back(key_value(kv, "attr set"));
        auto target = t->get(true);
        app::set_attributes(g.context(), target, pairs, *type);
        g.note(
            fmt::format("set {} attribute(s) of {} {}", pairs.size(), target.entity, target.name));
    });
    unset->callback([&g, t, kvs] {
        auto target = t->get(true);
        app::unset_attributes(g.context(), target, *kvs);
        g.note(fmt::format("removed {} attribute(s) of {} {}", kvs->size(), target.entity,
                           target.name));
    });
    list->callback([&g, t, entity] {
        auto target = t->get(false);
        if (target.entity.empty())
            target.entity = *entity;
        report::Table tab{"attributes", {"entity", "name", "key", "type", "value"}, {}};
        for (const auto &a : app::list_attributes(g.context(), target))
            tab.rows.push_back({a.entity, a.entity_name, a.key, a.type, a.value});
        g.print({"qda.attributes/1", {}, {tab}}, list_formats());
    });
    imp->callback([&g, file, ent, key, create] {
        auto r = app::import_attributes(g.context(), *file, *ent, *key, *create);
        g.note(fmt::format("set {} value(s) on {} {}(s){}", r.values, r.rows, *ent,
                           *ent == "case" ? fmt::format("; created {} case(s)", r.created)
                                          : std::string()));
    });
}

} // namespace qda::cli
