// qda import: find the files, read them in parallel, store them in one transaction.
#include <fnmatch.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "app/attr_values.hpp"
#include "app/import_step.hpp"
#include "app/session.hpp"
#include "qda/error.hpp"
#include "qda/text.hpp"
#include "store/project.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {
namespace fs = std::filesystem;

/// A file to import and the name it gets unless --name says otherwise.
struct Found {
    std::string path;
    std::string name;
};

std::string name_for(const fs::path &file, const fs::path &base, const std::string &how) {
    if (how == "filename")
        return file.filename().string();
    if (how == "path" && !base.empty()) {
        auto rel = file.lexically_relative(base);
        return (rel.parent_path() / rel.stem()).generic_string();
    }
    return file.stem().string();
}

bool matches_any(const std::vector<std::string> &globs, const std::string &rel) {
    for (const auto &g : globs) {
        if (::fnmatch(g.c_str(), rel.c_str(), 0) == 0)
            return true;
        auto base = fs::path(rel).filename().string();
        if (::fnmatch(g.c_str(), base.c_str(), 0) == 0)
            return true;
    }
    return false;
}

/// A project file (or its WAL and journal) met while walking a directory is never a source.
bool is_project_file(const fs::path &p) {
    auto name = p.filename().string();
    for (const char *suffix : {".qda", ".qda-wal", ".qda-shm", ".qda-journal"}) {
        std::string_view s(suffix);
        if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
            return true;
    }
    return false;
}

std::vector<Found> expand(const ImportRequest &req) {
    if (req.name_from != "stem" && req.name_from != "filename" && req.name_from != "path")
        throw Error(Exit::usage, "--name-from", fmt::format("unknown choice \"{}\"", req.name_from),
                    "use stem, filename or path");
    std::vector<Found> files;
    for (const auto &p : req.paths) {
        if (p == "-") {
            files.push_back({p, req.name.empty() ? "stdin" : req.name});
            continue;
        }
        std::error_code ec;
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st))
            throw Error(Exit::no_input, p, "no such file or directory");
        if (fs::is_directory(st)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(
                     p, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (!it->is_regular_file(ec))
                    continue;
                // The walk's paths all begin with p: cut it off by name. fs::relative would
                // resolve both paths on disk (a readlink per directory level, for each file).
                auto rel = it->path().lexically_relative(p).generic_string();
                if (rel.empty() || rel[0] == '.' || rel.find("/.") != std::string::npos)
                    continue;
                if (is_project_file(it->path()))
                    continue;
                if (!req.include.empty() && !matches_any(req.include, rel))
                    continue;
                if (matches_any(req.exclude, rel))
                    continue;
                found.push_back(it->path().string());
            }
            if (ec)
                throw Error(Exit::io, p, fmt::format("cannot read directory: {}", ec.message()));
            std::sort(found.begin(), found.end());
            for (const auto &f : found)
                files.push_back({f, name_for(f, p, req.name_from)});
        } else {
            files.push_back({p, name_for(p, {}, req.name_from)});
        }
    }
    if (!req.name.empty() && files.size() == 1)
        files[0].name = req.name;
    std::map<std::string, std::string> first;
    for (const auto &f : files) {
        auto [it, fresh] = first.emplace(f.name, f.path);
        if (!fresh)
            throw Error(Exit::data, f.path,
                        fmt::format("two files would both become source \"{}\" (the other is {})",
                                    f.name, it->second),
                        "name sources by their path with --name-from path, or import them "
                        "separately with --name");
    }
    return files;
}

std::string read_bytes(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, path, "cannot open file for reading (permission denied?)");
    std::string s;
    in.seekg(0, std::ios::end);
    auto n = in.tellg();
    if (n > 0) {
        s.resize(static_cast<std::size_t>(n));
        in.seekg(0);
        in.read(s.data(), n);
    }
    if (in.bad())
        throw Error(Exit::io, path, "read error");
    return s;
}

/// Lines longer than this in a text file are taken for a file that is not a transcript (a dump,
/// a minified file); a reader would otherwise build one giant paragraph from it.
constexpr std::size_t kMaxLine = 1 << 20;

void check_lines(const std::string &bytes, const std::string &path, const std::string &format) {
    static const char *texty[] = {"text", "markdown", "webvtt", "srt", "csv", "tsv", "html"};
    if (std::find(std::begin(texty), std::end(texty), format) == std::end(texty) ||
        bytes.size() <= kMaxLine) // no line can be too long: skip looking
        return;
    std::size_t start = 0, line = 1;
    while (start < bytes.size()) {
        auto nl = bytes.find('\n', start);
        auto end = nl == std::string::npos ? bytes.size() : nl;
        if (end - start > kMaxLine)
            throw Error(Exit::data, fmt::format("{}:{}", path, line),
                        fmt::format("line is {} bytes long; qda reads text lines of up to {} bytes",
                                    end - start, kMaxLine),
                        "is this a transcript? split the text into lines or paragraphs first");
        if (nl == std::string::npos)
            break;
        start = nl + 1;
        ++line;
    }
}

/// One file, read and parsed by a worker.
struct Parsed {
    std::string path, bytes, sha256;
    std::vector<Document> docs;
    std::vector<std::string> text_sha;
    std::vector<bool> same_text; ///< docs[k].text == bytes
    std::vector<std::int64_t> chars;
    std::exception_ptr error;
};

/// Reads and parses files on worker threads; results come back in input order.
class Pipeline {
  public:
    Pipeline(const std::vector<Found> &files, const ImportRequest &req)
        : files_(files), req_(req), results_(files.size()) {
        unsigned n = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 8));
        n = std::min<unsigned>(n, static_cast<unsigned>(std::max<std::size_t>(1, files.size())));
        for (unsigned i = 0; i < n; ++i)
            workers_.emplace_back([this] { work(); });
    }
    ~Pipeline() {
        {
            std::lock_guard l(m_);
            stop_ = true;
        }
        room_.notify_all();
        for (auto &t : workers_)
            t.join();
    }
    Parsed take(std::size_t i) {
        std::unique_lock l(m_);
        waiting_for_ = i;
        ready_.wait(l, [&] { return results_[i].has_value(); });
        waiting_for_ = kNone;
        Parsed p = std::move(*results_[i]);
        results_[i].reset();
        ++consumed_;
        if (blocked_ > 0) // a worker waits for room ahead of the consumer: there is one more
            room_.notify_one();
        return p;
    }

  private:
    void work() {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock l(m_);
                // Bound what is parsed ahead of the consumer, so memory stays flat.
                while (!(stop_ || next_ >= files_.size() || next_ < consumed_ + 32)) {
                    ++blocked_;
                    room_.wait(l);
                    --blocked_;
                }
                if (stop_ || next_ >= files_.size())
                    return;
                i = next_++;
            }
            Parsed p;
            p.path = files_[i].path;
            try {
                // Not `? :`: with a const lvalue on one side the result is a const string,
                // and assigning it copied every file.
                if (p.path == "-")
                    p.bytes = req_.stdin_bytes;
                else
                    p.bytes = read_bytes(p.path);
                p.sha256 = audit::sha256_hex(p.bytes);
                auto where = p.path == "-" ? std::string("<stdin>") : p.path;
                ingest::ReadOptions opts = req_.read;
                opts.derived_apart = true; // stored the same, built with far less memory
                if (opts.as_format.empty())
                    opts.as_format = ingest::detect_format(p.bytes, where);
                check_lines(p.bytes, where, opts.as_format);
                // A text file kept as it is becomes its document's text without a copy:
                // p.bytes is then empty, and the text stands for the bytes.
                p.docs = ingest::read_taking(p.bytes, where, opts);
                for (const auto &d : p.docs) {
                    // Most UTF-8 files with LF endings are stored as they are: hash them once.
                    // The text reader knows when it kept the bytes; other readers are asked.
                    const bool same = d.text_is_bytes || d.text == p.bytes;
                    p.same_text.push_back(same);
                    p.text_sha.push_back(same ? p.sha256 : audit::sha256_hex(d.text));
                    p.chars.push_back(d.chars >= 0 ? d.chars : text::code_points(d.text));
                }
            } catch (...) {
                p.error = std::current_exception();
            }
            bool wanted;
            {
                std::lock_guard l(m_);
                results_[i] = std::move(p);
                wanted = waiting_for_ == i;
            }
            // Only the consumer waits for results, and only for the one it takes next: waking
            // every thread at each file cost a context switch or two each time.
            if (wanted)
                ready_.notify_one();
        }
    }

    const std::vector<Found> &files_;
    const ImportRequest &req_;
    std::vector<std::optional<Parsed>> results_;
    std::vector<std::thread> workers_;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::mutex m_;
    std::condition_variable ready_; ///< the consumer waits for results_[waiting_for_]
    std::condition_variable room_;  ///< workers wait for the consumer to take a file
    std::size_t next_ = 0, consumed_ = 0, waiting_for_ = kNone;
    unsigned blocked_ = 0; ///< workers waiting on room_
    bool stop_ = false;
};

std::string attr_case(const Document &d) {
    for (const auto &[k, v] : d.attributes)
        if (k == "case")
            return v;
    return {};
}

} // namespace

namespace {

/// Reads `files` and stores them in the caller's transaction; records nothing in the trail.
/// `bulk`, when given, hears how much each file added.
ImportResult import_files(Session &session, const std::vector<Found> &files,
                          const ImportRequest &req, store::ChangeSet &changes,
                          store::BulkJournal *bulk = nullptr) {
    auto &db = session.db();
    ImportResult result;
    std::set<std::string> seen_sha;
    std::string now = store::append_time_now();
    const Context &ctx = session.ctx();
    Pipeline pipe(files, req);
    for (std::size_t i = 0; i < files.size(); ++i) {
        Parsed p = pipe.take(i);
        if (ctx.progress)
            ctx.progress(i + 1, files.size(), p.path);
        if (p.error)
            std::rethrow_exception(p.error);
        ImportItem item;
        item.path = p.path;
        // Identical bytes read the same way are the same source. Read another way (another
        // charset, reader or label pattern, or as a correction) they make a new source.
        bool same_reading = req.read.encoding.empty() && req.read.as_format.empty() &&
                            req.read.speaker_pattern.empty() && req.supersedes.empty();
        std::optional<std::string> existing;
        if (same_reading && p.docs.size() == 1)
            existing = store::source_by_sha(db, p.sha256);
        if (same_reading && (existing || seen_sha.count(p.sha256))) {
            item.name = existing ? *existing : files[i].name;
            item.status = "skipped";
            item.reason = existing
                              ? fmt::format("identical bytes already imported as {}", *existing)
                              : "identical bytes given twice in this import";
            if (!req.case_name.empty() || !req.attrs.empty())
                item.reason +=
                    "; --case/--attr not applied (use `qda cases link` or `qda attr set`)";
            result.items.push_back(std::move(item));
            ++result.skipped;
            continue;
        }
        seen_sha.insert(p.sha256);
        for (std::size_t k = 0; k < p.docs.size(); ++k) {
            const Document &d = p.docs[k];
            ImportItem it;
            it.path = p.path;
            if (p.docs.size() > 1 && same_reading) {
                // One source per survey row or column: each is a duplicate on its own text.
                if (auto dup = store::source_by_sha(db, p.text_sha[k])) {
                    it.name = *dup;
                    it.status = "skipped";
                    it.reason = fmt::format("identical text already imported as {}", *dup);
                    result.items.push_back(std::move(it));
                    ++result.skipped;
                    continue;
                }
            }
            const std::string &base = files[i].name;
            it.name = d.name.empty() ? base : (p.docs.size() > 1 ? base + "/" + d.name : d.name);
            if (store::source_id(db, it.name))
                throw Error(
                    Exit::data, p.path,
                    fmt::format("a different source named \"{}\" already exists", it.name),
                    "give this one another name with --name, or import it with --supersedes");
            store::NewSource ns;
            ns.name = it.name;
            ns.kind = !req.kind.empty()
                          ? req.kind
                          : (d.suggested_kind.empty() ? "document" : d.suggested_kind);
            ns.path = p.path == "-" ? "" : fs::absolute(p.path).lexically_normal().string();
            ns.sha256 = p.sha256;
            ns.imported_at = now;
            ns.imported_by = session.actor();
            if (p.docs.size() == 1) {
                ns.original = d.text_is_bytes ? std::string_view(d.text) : p.bytes;
                ns.original_is_text = p.same_text[k];
            } else {
                ns.original = d.text;
                ns.original_is_text = true;
            }
            ns.text_sha256 = p.text_sha[k];
            ns.chars = p.chars[k];
            if (p.docs.size() > 1)
                ns.sha256 = p.text_sha[k];
            std::string case_name = !req.case_name.empty() ? req.case_name : attr_case(d);
            if (case_name.empty() && req.case_from == "name")
                case_name = ns.name;
            else if (case_name.empty() && req.case_from == "dir" && p.path != "-")
                case_name =
                    fs::absolute(p.path).lexically_normal().parent_path().filename().string();
            if (!case_name.empty()) {
                auto cid = store::case_id(db, case_name);
                ns.case_id = cid ? *cid : store::create_case(db, case_name, "", changes);
            }
            ns.doc = &d;
            auto sid = store::insert_source(db, ns, changes);
            if (bulk)
                bulk->added(d.text.size()); // a hint for write-back: the text is most of it
            if (!req.supersedes.empty())
                store::set_supersedes(db, sid, require_source(db, req.supersedes), changes);
            for (const auto &[key, value] : d.attributes) {
                if (key == "case")
                    continue;
                set_typed_attribute(db, "source", sid, key, value, "", changes, p.path);
            }
            for (const auto &[key, value] : req.attrs)
                set_typed_attribute(db, "source", sid, key, value, "", changes, "--attr");
            it.status = "imported";
            it.kind = ns.kind;
            it.format = d.format;
            it.encoding = d.encoding;
            it.chars = p.chars[k];
            it.speakers = static_cast<std::int64_t>(d.speakers.size());
            it.segments = static_cast<std::int64_t>(d.segments.size() + d.derived.size());
            it.turns = std::count_if(d.segments.begin(), d.segments.end(),
                                     [](const Segment &g) { return g.unit == "turn"; });
            it.warnings = d.warnings;
            result.items.push_back(std::move(it));
            ++result.imported;
        }
    }
    if (!req.interviewer.empty()) {
        auto pid = store::participant_id(db, req.interviewer);
        if (!pid)
            not_found("participant (--interviewer)", req.interviewer, store::participant_names(db));
        store::set_interviewer(db, *pid, true, changes);
    }
    return result;
}

std::vector<Found> files_of(const ImportRequest &req) {
    auto files = expand(req);
    if (files.empty())
        throw Error(Exit::no_input, fmt::format("{}", fmt::join(req.paths, " ")),
                    "no files to import");
    if (!req.name.empty() && files.size() > 1)
        throw Error(Exit::usage, "--name", "--name names one source, but several files were given");
    return files;
}

} // namespace

ImportResult import_in(Session &session, const ImportRequest &req, store::ChangeSet &changes) {
    return import_files(session, files_of(req), req, changes);
}

ImportResult import(const Context &ctx, const ImportRequest &req) {
    Session session(ctx);
    auto &db = session.db();
    auto files = files_of(req);
    // Many files: write pages once (rollback journal) rather than to the WAL and back.
    std::optional<store::BulkJournal> bulk;
    if (files.size() >= 100)
        bulk.emplace(db);
    store::Transaction tx(db);
    if (bulk)
        bulk->stream();
    store::ChangeSet changes;
    // Thousands of files change tens of thousands of rows: past ChangeSet::kSpillAt their
    // digests go to audit_change as the import goes, instead of one JSON list built at the end.
    changes.attach(db);
    auto result = import_files(session, files, req, changes, bulk ? &*bulk : nullptr);
    if (result.imported == 0)
        return result; // nothing changed: no event, roll back
    session.finish(
        tx, "import",
        fmt::format("imported {} source(s), skipped {}", result.imported, result.skipped), changes);
    return result;
}

} // namespace qda::app
