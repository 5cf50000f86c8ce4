// qda: the single place where errors are caught and turned into messages and exit codes.
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"

namespace {

std::string quote_arg(const std::string &a) {
    if (!a.empty() && a.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos)
        return a;
    std::string o = "'";
    for (char c : a)
        o += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return o + "'";
}

/// The first word that is not a global option or its value: the command, if any.
std::string command_word(int argc, char **argv) {
    static const std::vector<std::string> with_value = {"-p",       "--project", "-f",
                                                        "--format", "--coder",   "--why"};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (std::find(with_value.begin(), with_value.end(), a) != with_value.end()) {
            ++i;
            continue;
        }
        if (a.empty() || a[0] == '-')
            continue;
        return a;
    }
    return {};
}

/// The names of the commands registered on `app`.
std::vector<std::string> command_names(CLI::App &app) {
    std::vector<std::string> names;
    for (const auto *sub : app.get_subcommands([](CLI::App *) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

bool registered(CLI::App &app, const std::string &name) {
    const auto names = command_names(app);
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// The command word, when it names no command.
std::optional<std::string> unknown_command(CLI::App &app, const std::string &word) {
    if (word.empty() || registered(app, word))
        return std::nullopt;
    return word;
}

using Adder = void (*)(CLI::App &, qda::cli::Globals &);

/// Every group of commands, in the order of `qda --help`, with the commands it registers.
/// A command runs with only its own group registered: building all 25 groups (27 commands) took
/// about 1 ms and 0.7 MB of every start. Debug builds check this list at every start.
struct Group {
    Adder add;
    std::vector<std::string> names;
};
const std::vector<Group> &groups() {
    using namespace qda::cli;
    static const std::vector<Group> all = {
        {add_init, {"init"}},
        {add_import, {"import"}},
        {add_sources, {"sources"}},
        {add_segments, {"segments"}},
        {add_cases, {"cases"}},
        {add_attr, {"attr"}},
        {add_participants, {"participants"}},
        {add_audit, {"audit"}},
        {add_codes, {"codes"}},
        {add_codebook, {"codebook"}},
        {add_coding, {"code", "uncode", "codings"}},
        {add_retrieve, {"retrieve"}},
        {add_memo, {"memo"}},
        {add_search, {"search"}},
        {add_autocode, {"autocode"}},
        {add_matrix, {"matrix"}},
        {add_display, {"display"}},
        {add_freq, {"freq"}},
        {add_cooccur, {"cooccur"}},
        {add_network, {"network"}},
        {add_agreement, {"agreement"}},
        {add_claim, {"claim"}},
        {add_membercheck, {"membercheck"}},
        {add_instrument, {"instrument"}},
        {add_triangulate, {"triangulate"}},
    };
    return all;
}

#ifndef NDEBUG
/// Each group registers exactly the commands listed for it (a wrong list would only make a
/// command slower to start, since an unlisted command registers every group, so it is checked
/// where the tests run: in debug builds).
void check_groups() {
    for (const auto &gr : groups()) {
        CLI::App probe;
        qda::cli::Globals g;
        gr.add(probe, g);
        const auto got = command_names(probe);
        if (got != gr.names) {
            std::fprintf(stderr, "qda: internal: a command group registers %s, listed as %s\n",
                         fmt::format("{}", fmt::join(got, " ")).c_str(),
                         fmt::format("{}", fmt::join(gr.names, " ")).c_str());
            std::abort();
        }
    }
}
#endif

int report_error(const qda::Error &e) {
    std::string where = e.where().empty() ? "" : e.where() + ": ";
    std::fprintf(stderr, "qda: error: %s%s\n", where.c_str(), e.what());
    for (const auto &line : e.context)
        std::fprintf(stderr, "    %s\n", line.c_str());
    if (!e.hint().empty())
        std::fprintf(stderr, "qda: hint: %s\n", e.hint().c_str());
    if (e.code() == qda::Exit::internal)
        std::fprintf(stderr,
                     "qda: this is a bug in qda; please report it with the command you ran\n");
    return static_cast<int>(e.code());
}

} // namespace

int main(int argc, char **argv) {
    std::setlocale(LC_ALL, "");
    qda::cli::Globals g;
    g.progress_tty = ::isatty(STDERR_FILENO) != 0;
    for (int i = 0; i < argc; ++i)
        g.command_line += (i ? " " : "") + quote_arg(i == 0 ? "qda" : argv[i]);

    CLI::App app{
        "qda: qualitative data analysis from the command line.\n"
        "Import transcripts, field notes and documents into one project file; code, display and\n"
        "verify them with an audit trail. See qda(1) and qda-VERB(1).",
        "qda"};
    app.set_version_flag("--version", std::string("qda ") + QDA_VERSION);
    app.option_defaults()->always_capture_default();
    app.add_option("-p,--project", g.project,
                   "Project file (default: $QDA_PROJECT, then project.qda found upward)");
    app.add_option("-f,--format", g.format,
                   "Output format: table, tsv, csv, json, jsonl, md (some verbs: html, latex)");
    app.add_option("--coder", g.coder,
                   "Who is acting (default: $QDA_CODER, the project default, the OS user)");
    app.add_option("--why", g.why, "Reason recorded with the audit event of a change");
    app.add_flag("-q,--quiet", g.quiet, "Print nothing but data and errors");
    app.require_subcommand(1);
    app.fallthrough();

#ifndef NDEBUG
    check_groups();
#endif
    // Only the group of the command being run, unless the word names none (help, a typo).
    const auto word = command_word(argc, argv);
    const Group *only = nullptr;
    for (const auto &gr : groups())
        if (std::find(gr.names.begin(), gr.names.end(), word) != gr.names.end())
            only = &gr;
    if (only)
        only->add(app, g);
    if (!only || !registered(app, word)) // the second only if the list above were wrong
        for (const auto &gr : groups())
            if (&gr != only)
                gr.add(app, g);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        if (auto unknown = unknown_command(app, word)) {
            std::string hint = "run `qda --help` for the commands";
            if (auto best = qda::model::did_you_mean(*unknown, command_names(app)))
                hint = fmt::format("did you mean `qda {}`?", *best);
            std::fprintf(stderr, "qda: error: %s: unknown command\nqda: hint: %s\n",
                         unknown->c_str(), hint.c_str());
        } else {
            std::fprintf(stderr,
                         "qda: error: %s\nqda: hint: run `qda --help` or `qda COMMAND --help`\n",
                         e.what());
        }
        return static_cast<int>(qda::Exit::usage);
    } catch (const qda::Error &e) {
        return report_error(e);
    } catch (const std::exception &e) {
        return report_error(qda::Error(qda::Exit::internal, "", e.what()));
    }
    return 0;
}
