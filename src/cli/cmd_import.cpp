#include <unistd.h>

#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "cli/globals.hpp"
#include "qda/error.hpp"

namespace qda::cli {

void add_import(CLI::App &app, Globals &g) {
    auto *cmd = app.add_subcommand(
        "import", "Import files, directories (recursively) or - (stdin) as sources");
    auto req = std::make_shared<app::ImportRequest>();
    auto attrs = std::make_shared<std::vector<std::string>>();
    cmd->add_option("paths", req->paths, "Files, directories, or - for standard input")->required();
    cmd->add_option("--name", req->name,
                    "Source name (default: the file name without its extension)");
    cmd->add_option("--name-from", req->name_from,
                    "Default names: stem (file name without extension), filename, or path "
                    "(relative, without extension)")
        ->check(CLI::IsMember({"stem", "filename", "path"}));
    cmd->add_option(
        "--kind", req->kind,
        "interview, observation, document, survey, member-check, ... (default: detected)");
    cmd->add_option("--case", req->case_name, "Link the sources to this case (created if missing)");
    cmd->add_option("--case-from", req->case_from,
                    "Case of each source without --case or a front-matter case: name (the "
                    "source's name) or dir (the directory holding the file)")
        ->check(CLI::IsMember({"name", "dir"}));
    cmd->add_option("--attr", *attrs, "KEY=VALUE source attribute (repeatable)");
    cmd->add_option("--as", req->read.as_format,
                    "Reader to use instead of detection: text, markdown, webvtt, srt, html, docx, "
                    "odt, rtf, pdf, csv, tsv");
    cmd->add_option("--encoding", req->read.encoding,
                    "Charset of the bytes, overriding detection (e.g. windows-1252)");
    cmd->add_option("--speaker-pattern", req->read.speaker_pattern,
                    "ICU regex matched at line start; group 1 is the speaker label");
    cmd->add_option("--interviewer", req->interviewer, "Mark this speaker as the interviewer");
    cmd->add_option("--include", req->include,
                    "Glob of files to take from directories (repeatable)");
    cmd->add_option("--exclude", req->exclude,
                    "Glob of files to leave out of directories (repeatable)");
    cmd->add_option("--supersedes", req->supersedes,
                    "Name of the source this corrected transcript replaces");
    cmd->add_option("--survey-by", req->read.survey_by,
                    "CSV/TSV surveys: one source per row or per column")
        ->check(CLI::IsMember({"row", "column"}));
    cmd->add_option("--survey-name-column", req->read.survey_name_column,
                    "CSV/TSV surveys: column that names each row");
    cmd->add_option("--locale", req->read.locale, "Locale for sentence breaks (default: id)");
    cmd->callback([&g, req, attrs] {
        for (const auto &a : *attrs)
            req->attrs.push_back(key_value(a, "--attr"));
        if (std::find(req->paths.begin(), req->paths.end(), "-") != req->paths.end())
            req->stdin_bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
        auto r = app::import(g.context(), *req);
        report::Table t{"sources",
                        {"path", "name", "status", "kind", "format", "encoding", "turns",
                         "speakers", "segments", "note"},
                        {}};
        for (const auto &i : r.items) {
            std::string note = i.reason;
            for (const auto &w : i.warnings)
                note += (note.empty() ? "" : "; ") + w;
            t.rows.push_back({i.path, i.name, i.status, i.kind, i.format, i.encoding, i.turns,
                              i.speakers, i.segments, note});
        }
        g.print({"qda.import/1", {}, {t}}, list_formats());
        g.note(fmt::format("imported {} source(s), skipped {} already present", r.imported,
                           r.skipped));
    });
}

} // namespace qda::cli
