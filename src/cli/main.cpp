// qda: the single place where errors are caught and turned into messages and exit codes.
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <exception>
#include <optional>

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

/// The first word that is not a global option or its value, when it names no command.
std::optional<std::string> unknown_command(CLI::App &app, int argc, char **argv) {
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
        for (const auto *sub : app.get_subcommands([](CLI::App *) { return true; }))
            if (sub->get_name() == a)
                return std::nullopt;
        return a;
    }
    return std::nullopt;
}

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

    qda::cli::add_init(app, g);
    qda::cli::add_import(app, g);
    qda::cli::add_sources(app, g);
    qda::cli::add_segments(app, g);
    qda::cli::add_cases(app, g);
    qda::cli::add_attr(app, g);
    qda::cli::add_participants(app, g);
    qda::cli::add_audit(app, g);
    // codebook verbs (codes, codebook) register here
    qda::cli::add_codes(app, g);
    qda::cli::add_codebook(app, g);
    // coding verbs (code, uncode, codings) register here
    qda::cli::add_coding(app, g);
    qda::cli::add_retrieve(app, g); // retrieve registers here
    qda::cli::add_memo(app, g);
    // search and memo register here
    qda::cli::add_search(app, g);
    // autocode registers here
    qda::cli::add_autocode(app, g);
    // displays (matrix, display, freq) register here
    qda::cli::add_matrix(app, g);
    qda::cli::add_display(app, g);
    qda::cli::add_freq(app, g);
    // cooccur and network register here
    qda::cli::add_cooccur(app, g);
    qda::cli::add_network(app, g);
    // agreement registers here
    qda::cli::add_agreement(app, g);
    // verification (claim, membercheck) registers here
    qda::cli::add_claim(app, g);
    qda::cli::add_membercheck(app, g);
    // audit report: instruments register here
    qda::cli::add_instrument(app, g);
    // triangulate registers here
    qda::cli::add_triangulate(app, g);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        if (auto unknown = unknown_command(app, argc, argv)) {
            std::string hint = "run `qda --help` for the commands";
            std::vector<std::string> verbs;
            for (const auto *sub : app.get_subcommands([](CLI::App *) { return true; }))
                verbs.push_back(sub->get_name());
            if (auto best = qda::model::did_you_mean(*unknown, verbs))
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
