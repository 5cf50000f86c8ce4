#include "cli/globals.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::cli {

app::Context Globals::context(const std::vector<report::Format> &formats) const {
    report::parse_format(format, formats); // a bad --format fails before anything changes
    app::Context c;
    c.project = project;
    c.coder = coder;
    c.why = why;
    c.command_line = command_line;
    if (progress_tty && !quiet) {
        c.progress = [last = std::chrono::steady_clock::time_point{}](
                         std::size_t done, std::size_t total, const std::string &what) mutable {
            // At most ten updates a second: a terminal that redraws 2,000 lines slows the import.
            auto now = std::chrono::steady_clock::now();
            if (done != total && now - last < std::chrono::milliseconds(100))
                return;
            last = now;
            std::string name = what.size() > 50 ? "..." + what.substr(what.size() - 47) : what;
            std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, name.c_str());
            if (done == total)
                std::fprintf(stderr, "\r\033[K");
            std::fflush(stderr);
        };
    }
    return c;
}

void Globals::print(const report::Output &out, const std::vector<report::Format> &allowed) const {
    auto f = report::parse_format(format, allowed);
    auto s = report::render(out, f);
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0)
        throw Error(Exit::io, "stdout", "cannot write output");
}

void Globals::note(const std::string &msg) const {
    if (!quiet)
        std::fprintf(stderr, "%s\n", msg.c_str());
}

const std::vector<report::Format> &list_formats() {
    using F = report::Format;
    static const std::vector<F> v = {F::table, F::tsv, F::csv, F::json, F::jsonl, F::md};
    return v;
}

std::pair<std::string, std::string> key_value(const std::string &kv, const std::string &option) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error(Exit::usage, option, fmt::format("\"{}\" is not KEY=VALUE", kv));
    return {kv.substr(0, eq), kv.substr(eq + 1)};
}

} // namespace qda::cli
