#pragma once
// What every verb of the CLI shares: the global options and the one way to print data.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "qda/app.hpp"
#include "qda/report.hpp"

namespace qda::cli {

/// Formats for lists: everything but the display-only ones.
const std::vector<report::Format> &list_formats();

struct Globals {
    std::string project, format = "table", coder, why;
    bool quiet = false;
    std::string command_line;
    bool progress_tty = false; ///< stderr is a terminal

    /// The context handed to the use cases; checks --format against `formats` first.
    app::Context context(const std::vector<report::Format> &formats = list_formats()) const;
    /// Render `out` in --format (one of `allowed`) to stdout.
    void print(const report::Output &out, const std::vector<report::Format> &allowed) const;
    /// A message for people on stderr, unless --quiet.
    void note(const std::string &msg) const;
};

/// Split "KEY=VALUE"; throws a usage error naming `option` otherwise.
std::pair<std::string, std::string> key_value(const std::string &kv, const std::string &option);

// One registration function per verb family (src/cli/cmd_*.cpp).
void add_init(CLI::App &app, Globals &g);
void add_import(CLI::App &app, Globals &g);
void add_sources(CLI::App &app, Globals &g);
void add_segments(CLI::App &app, Globals &g);
void add_cases(CLI::App &app, Globals &g);
void add_attr(CLI::App &app, Globals &g);
void add_participants(CLI::App &app, Globals &g);
void add_audit(CLI::App &app, Globals &g);
// codebook verbs (codes, codebook) are declared here
void add_codes(CLI::App &app, Globals &g);
void add_codebook(CLI::App &app, Globals &g);
// coding verbs (code, uncode, codings) are declared here
void add_coding(CLI::App &app, Globals &g);
void add_retrieve(CLI::App &app, Globals &g); // retrieve is declared here
void add_memo(CLI::App &app, Globals &g);
// search and memo are declared here
void add_search(CLI::App &app, Globals &g);
// autocode is declared here
void add_autocode(CLI::App &app, Globals &g);
// displays (matrix, display, freq) are declared here
void add_matrix(CLI::App &app, Globals &g);
void add_display(CLI::App &app, Globals &g);
void add_freq(CLI::App &app, Globals &g);
// cooccur and network are declared here
void add_cooccur(CLI::App &app, Globals &g);
void add_network(CLI::App &app, Globals &g);
// agreement is declared here
void add_agreement(CLI::App &app, Globals &g);
// verification (claim, membercheck) is declared here
void add_claim(CLI::App &app, Globals &g);
void add_membercheck(CLI::App &app, Globals &g);
// audit report: instruments are declared here
void add_instrument(CLI::App &app, Globals &g);
// triangulate registers here
void add_triangulate(CLI::App &app, Globals &g);

} // namespace qda::cli
