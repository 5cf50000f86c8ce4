// qda memo: add, list, show, edit and remove memos.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/coding.hpp"
#include "qda/error.hpp"

namespace qda::cli {
namespace {

/// The memo text: the argument, standard input for "-", or what the researcher writes in
/// $VISUAL / $EDITOR (starting from `initial`) for --edit.
std::optional<std::string> memo_text(const std::string &arg, bool given, bool edit,
                                     const std::string &initial) {
    if (given && edit)
        throw Error(Exit::usage, "--edit", "give the text or --edit, not both");
    if (edit) {
        const char *ed = std::getenv("VISUAL");
        if (!ed || !*ed)
            ed = std::getenv("EDITOR");
        if (!ed || !*ed)
            ed = "vi";
        const char *tmp = std::getenv("TMPDIR");
        std::string path = fmt::format("{}/qda-memo-XXXXXX.md", tmp && *tmp ? tmp : "/tmp");
        int fd = ::mkstemps(path.data(), 3);
        if (fd < 0)
            throw Error(Exit::cant_create, path, "cannot create a temporary file for the editor");
        if (::write(fd, initial.data(), initial.size()) != static_cast<ssize_t>(initial.size())) {
            ::close(fd);
            throw Error(Exit::io, path, "cannot write the temporary file");
        }
        ::close(fd);
        int rc = std::system(fmt::format("{} '{}'", ed, path).c_str());
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ::unlink(path.c_str());
        if (rc != 0)
            throw Error(Exit::data, ed,
                        fmt::format("the editor failed (status {}): nothing was saved", rc));
        return text;
    }
    if (!given)
        return std::nullopt;
    if (arg == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    return arg;
}

report::Output memo_output(const app::MemoView &m) {
    return {"qda.memo/1",
            {{"id", m.id},
             {"on", m.on},
             {"type", m.type},
             {"title", m.title},
             {"author", m.author},
             {"created_at", m.created_at},
             {"updated_at", m.updated_at},
             {"text", m.text}},
            {}};
}

struct Args {
    std::string on, type, title, text;
    std::int64_t id = 0;
    bool edit = false;
};

} // namespace

void add_memo(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "memo", "Memos: typed notes on the project, a source, case, code, coding or participant");
    cmd->require_subcommand(1);
    auto a = std::make_shared<Args>();
    const std::string types = "analytic, jotting, reflexive, method, summary, contact or theory";
    const std::string targets =
        "project, source:NAME, case:NAME, code:NAME, coding:ID or participant:NAME";

    auto *add = cmd->add_subcommand("add", "Write a memo");
    add->add_option("--on", a->on, "What the memo is about: " + targets)->required();
    add->add_option("--type", a->type, "Kind of memo: " + types)->required();
    add->add_option("--title", a->title, "A short title");
    auto *add_text = add->add_option("text", a->text, "The memo; - reads standard input");
    add->add_flag("--edit", a->edit, "Write it in $VISUAL or $EDITOR");
    add->callback([&g, a, add_text] {
        auto ctx = g.context();
        auto text = memo_text(a->text, add_text->count() > 0, a->edit, "");
        if (!text)
            throw Error(Exit::usage, "memo add",
                        "give the memo TEXT, - to read standard input, or --edit");
        auto m = app::add_memo(ctx, a->on, a->type, a->title, *text);
        g.note(fmt::format("memo {} added on {}", m.id, m.on));
    });

    auto *list = cmd->add_subcommand("list", "List memos, oldest first");
    list->add_option("--on", a->on, "Only memos on: " + targets);
    list->add_option("--type", a->type, "Only memos of this type");
    list->callback([&g, a] {
        report::Table t{"memos",
                        {"id", "on", "type", "title", "author", "created_at", "updated_at", "text"},
                        {}};
        for (const auto &m : app::list_memos(g.context(), a->on, a->type))
            t.rows.push_back(
                {m.id, m.on, m.type, m.title, m.author, m.created_at, m.updated_at, m.text});
        g.print({"qda.memos/1", {}, {t}}, list_formats());
    });

    auto *show = cmd->add_subcommand("show", "One memo in full");
    show->add_option("id", a->id, "Memo id")->required();
    show->callback([&g, a] {
        auto m = app::show_memo(g.context(), a->id);
        if (g.format != "table")
            return g.print(memo_output(m), list_formats());
        auto o = fmt::format(
            "memo {} on {}\ntype: {}\n{}author: {}\ncreated: {}\n{}\n{}", m.id, m.on, m.type,
            m.title.empty() ? "" : "title: " + m.title + "\n", m.author, m.created_at,
            m.updated_at != m.created_at ? "updated: " + m.updated_at + "\n" : "", m.text);
        if (o.back() != '\n')
            o += '\n';
        std::fwrite(o.data(), 1, o.size(), stdout);
    });

    auto *edit = cmd->add_subcommand("edit", "Change a memo's text, type or title");
    edit->add_option("id", a->id, "Memo id")->required();
    auto *edit_text = edit->add_option("text", a->text, "The new text; - reads standard input");
    edit->add_flag("--edit", a->edit, "Edit the text in $VISUAL or $EDITOR");
    auto *o_type = edit->add_option("--type", a->type, "New type: " + types);
    auto *o_title = edit->add_option("--title", a->title, "New title");
    edit->callback([&g, a, edit_text, o_type, o_title] {
        auto ctx = g.context();
        std::string initial = a->edit ? app::show_memo(ctx, a->id).text : "";
        auto text = memo_text(a->text, edit_text->count() > 0, a->edit, initial);
        auto m = app::edit_memo(ctx, a->id, text,
                                o_type->count() ? std::optional(a->type) : std::nullopt,
                                o_title->count() ? std::optional(a->title) : std::nullopt);
        g.note(fmt::format("memo {} on {} updated", m.id, m.on));
    });

    auto *rm = cmd->add_subcommand("rm", "Remove a memo (say why with --why)");
    rm->add_option("id", a->id, "Memo id")->required();
    rm->callback([&g, a] {
        auto m = app::remove_memo(g.context(), a->id);
        g.note(fmt::format("memo {} on {} removed", m.id, m.on));
    });
}

} // namespace qda::cli
