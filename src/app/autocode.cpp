// `qda autocode RULES.yaml`: resolve the rules' codes, pick the sources each rule applies to,
// find matches on several threads, apply speaker filters and scope, and write the codings of
// one run with one audit event (or, with --dry-run, only count them).
#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "app/autocode_match.hpp"
#include "app/session.hpp"
#include "qda/audit.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/autocode.hpp"
#include "store/codes.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, path, "cannot read the rules file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

template <class T> bool in(const std::vector<T> &v, const T &x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

/// The source filter of a rule against one source.
bool source_passes(const AutocodeRule &r, const SourceInfo &s,
                   const std::vector<AttrValue> &attrs) {
    if (!r.kinds.empty() && !in(r.kinds, s.kind))
        return false;
    if (!r.cases.empty() && !in(r.cases, s.case_name))
        return false;
    if (!r.sources.empty() && !in(r.sources, s.name))
        return false;
    for (const auto &[k, v] : r.attrs) {
        bool ok = false;
        for (const auto &a : attrs)
            ok = ok || (a.key == k && a.value == v);
        if (!ok)
            return false;
    }
    return true;
}

bool needs_turns(const AutocodeRule &r) {
    return !r.speakers.empty() || !r.participants.empty() || r.not_interviewer || r.scope == "turn";
}

/// The segment holding code point `cp`, if any (segments are ordered and do not overlap).
const SegmentInfo *segment_at(const std::vector<SegmentInfo> &segs, std::int64_t cp) {
    auto it = std::upper_bound(segs.begin(), segs.end(), cp,
                               [](std::int64_t c, const SegmentInfo &g) { return c < g.start; });
    if (it == segs.begin())
        return nullptr;
    --it;
    return cp < it->end ? &*it : nullptr;
}

bool speaker_passes(const AutocodeRule &r, const SegmentInfo *turn) {
    if (r.not_interviewer && turn && turn->interviewer)
        return false;
    if (!r.speakers.empty() &&
        (!turn || !(in(r.speakers, turn->speaker) || in(r.speakers, turn->participant))))
        return false;
    if (!r.participants.empty() && (!turn || !in(r.participants, turn->participant)))
        return false;
    return true;
}

struct SourceWork {
    SourceInfo info;
    std::map<std::string, std::vector<SegmentInfo>> units; ///< turn, sentence, paragraph as needed
};

/// Resolve each rule's code; create it when the rule says so (not in a dry run).
std::vector<std::int64_t> resolve_codes(store::Db &db, const AutocodeRules &rs, bool dry_run,
                                        const std::string &actor, store::ChangeSet &changes,
                                        std::vector<std::string> &created) {
    std::vector<std::int64_t> ids;
    std::map<std::string, std::int64_t> made;
    for (const auto &r : rs.rules) {
        std::string where = fmt::format("{}:{}", rs.path, r.code_line);
        if (auto c = store::code_by_name(db, r.code)) {
            if (c->status != "active")
                throw Error(Exit::data, where,
                            fmt::format("code \"{}\" is {}: no new codings", r.code, c->status));
            ids.push_back(c->id);
            continue;
        }
        if (!r.create) {
            std::string hint = "add it to the codebook, or say `create: true` in the rule";
            if (auto s = model::did_you_mean(r.code, store::code_names(db)))
                hint = fmt::format("did you mean \"{}\"?", *s);
            throw Error(Exit::data, where, fmt::format("unknown code \"{}\"", r.code), hint);
        }
        if (auto m = made.find(r.code); m != made.end()) {
            ids.push_back(m->second);
            continue;
        }
        created.push_back(r.code);
        std::int64_t id = -static_cast<std::int64_t>(created.size()); // placeholder in a dry run
        if (!dry_run) {
            store::CodeRow c;
            c.name = r.code;
            c.created_at = store::append_time_now();
            c.created_by = actor;
            c.description = "created by autocoding";
            id = store::insert_code(db, c, changes);
        }
        made[r.code] = id;
        ids.push_back(id);
    }
    return ids;
}

} // namespace

AutocodeResult autocode(const Context &ctx, const AutocodeRequest &req) {
    AutocodeRules rs = interop::parse_autocode_rules(read_file(req.rules_file), req.rules_file);
    CompiledRules compiled = compile_rules(rs.rules);
    Session s(ctx);
    store::Db &db = s.db();
    store::temp_in_memory(db);
    store::ReferencesTrusted trusted(db); // declared first: it outlives the transaction
    store::Transaction tx(db);
    store::small_page_cache(db);
    store::ChangeSet changes;
    changes.attach(db);
    AutocodeResult res;
    res.dry_run = req.dry_run;
    res.coder = s.actor();
    auto code_ids = resolve_codes(db, rs, req.dry_run, s.actor(), changes, res.created_codes);
    for (std::size_t i = 0; i < rs.rules.size(); ++i)
        res.rules.push_back({rs.rules[i].line, rs.rules[i].code, 0, 0, 0, 0, {}});

    store::RunRow run;
    run.rules = rs.text;
    run.rules_sha256 = audit::sha256_hex(rs.text);
    run.rules_path = req.rules_file;
    run.coder = s.actor();
    run.created_at = store::append_time_now();
    std::int64_t before = 0; // the largest coding id before the run's
    if (!req.dry_run) {
        res.run_id = store::insert_run(db, run, changes);
        before = store::last_coding_id(db);
    }

    std::set<std::string> units;
    for (const auto &r : rs.rules) {
        if (needs_turns(r))
            units.insert("turn");
        if (r.scope != "match")
            units.insert(r.scope);
    }
    std::vector<SourceInfo> sources = store::sources_to_scan(db);
    unsigned threads =
        req.threads ? req.threads : std::max(1u, std::thread::hardware_concurrency());
    // Each matching thread reads its texts on a connection of its own: this thread, which
    // writes the codings, is the one the others wait for. Sources do not change in this
    // transaction (it holds the write lock), so the readers see the texts it would. That
    // needs WAL (readers beside a writer); otherwise this thread reads them.
    struct Reader {
        store::Db db;
        store::SourceTexts texts;
        explicit Reader(const std::filesystem::path &p) : db(p, false), texts(db) {}
    };
    std::vector<std::unique_ptr<Reader>> readers; // per matching thread, opened on first use
    std::optional<store::SourceTexts> own;
    if (store::in_wal_mode(db))
        readers.resize(std::max(1u, threads));
    else
        own.emplace(db);
    ReadText read_text;
    if (!readers.empty())
        read_text = [&readers, &db](const MatchJob &job, unsigned t, std::string &buffer) {
            // Thread t is the only one using readers[t] (batches are matched one at a time).
            if (!readers[t])
                readers[t] = std::make_unique<Reader>(db.path());
            readers[t]->texts.read(job.source_id, buffer);
        };
    // A text is kept past matching only while a rule it has matches for (or whose segments it
    // codes) still needs sample quotes. A rule stops wanting them once the writing thread has all
    // of its samples, so a matching thread that reads `false` drops a text no sample can come from.
    auto want_samples = std::make_unique<std::atomic<bool>[]>(rs.rules.size());
    for (std::size_t r = 0; r < rs.rules.size(); ++r)
        want_samples[r] = req.sample > 0;
    auto codes_segments = [&rs](std::size_t r) {
        return rs.rules[r].phrases.empty() && rs.rules[r].regexes.empty();
    };
    auto keep_text = [&](const MatchJob &job) {
        for (const auto &h : job.hits)
            if (want_samples[h.rule])
                return true;
        for (std::size_t r = 0; r < rs.rules.size(); ++r)
            if (job.active[r] && want_samples[r] && codes_segments(r))
                return true;
        return false;
    };
    const std::size_t batch = 64;
    const std::size_t kAhead = 4; // batches matched ahead of the one being written (below)
    // Per rule, the last source it matched in (each source is applied once, all its hits
    // together), to count the sources each rule matched in.
    std::vector<std::int64_t> last_source(rs.rules.size(), 0);
    // Codings of one source already made (code, start, end): two matches in one sentence (turn,
    // ...) give one coding.
    struct Made {
        std::int64_t code, start, end;
        bool operator==(const Made &) const = default;
    };
    struct MadeHash {
        std::size_t operator()(const Made &m) const {
            auto h = static_cast<std::uint64_t>(m.code) * 0x9E3779B97F4A7C15ULL;
            h ^= static_cast<std::uint64_t>(m.start) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
            h ^= static_cast<std::uint64_t>(m.end) + 0x8CB92BA72F3D8DD7ULL + (h << 6) + (h >> 2);
            return static_cast<std::size_t>(h);
        }
    };
    std::unordered_set<Made, MadeHash> done;
    // A batch is read from the database (this thread), matched (other threads) and written
    // (this thread); reading the next batch and writing the last overlap with matching.
    struct Batch {
        std::vector<MatchJob> jobs;
        std::vector<SourceWork> work;
        std::size_t end = 0;
    };
    bool any_attr = false;
    for (const auto &r : rs.rules)
        any_attr = any_attr || !r.attrs.empty();
    auto load = [&](std::size_t b) {
        Batch out;
        out.end = std::min(sources.size(), b + batch);
        auto &jobs = out.jobs;
        auto &work = out.work;
        for (std::size_t k = b; k < std::min(sources.size(), b + batch); ++k) {
            const SourceInfo &src = sources[k];
            std::vector<AttrValue> attrs;
            if (any_attr)
                attrs = store::list_attributes(db, "source", src.id);
            MatchJob job;
            bool any = false;
            for (const auto &r : rs.rules) {
                job.active.push_back(source_passes(r, src, attrs));
                any = any || job.active.back();
            }
            if (!any)
                continue;
            job.source_id = src.id;
            if (own)
                job.text = own->read(src.id);
            SourceWork w{src, {}};
            for (const auto &u : units)
                w.units[u] = store::segments(db, src.id, u);
            jobs.push_back(std::move(job));
            work.push_back(std::move(w));
        }
        return out;
    };
    // Codings of a batch are written together (many rows per statement); pending[i] is the
    // rule whose counts row i goes to.
    std::vector<store::RunCoding> rows;
    std::vector<std::size_t> pending;
    auto apply = [&](Batch &bt) {
        auto &jobs = bt.jobs;
        auto &work = bt.work;
        rows.clear();
        pending.clear();
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            MatchJob &job = jobs[j];
            SourceWork &w = work[j];
            const auto &turns = w.units["turn"];
            std::vector<RuleHit> spans;
            for (const auto &h : job.hits)
                spans.push_back(h);
            // Rules without words or regexes code whole segments of their scope.
            for (std::size_t r = 0; r < rs.rules.size(); ++r)
                if (job.active[r] && codes_segments(r))
                    for (const auto &g : w.units[rs.rules[r].scope])
                        spans.push_back({r, {g.start, g.end}});
            if (!done.empty())
                done.clear(); // clear() zeroes every bucket, even of an empty set
            std::unique_ptr<text::OffsetMap> map;
            std::unique_ptr<text::LineIndex> lines;
            for (auto h : spans) {
                const AutocodeRule &r = rs.rules[h.rule];
                if (needs_turns(r) && !speaker_passes(r, segment_at(turns, h.span.start)))
                    continue;
                if (r.scope != "match") {
                    const auto &segs = w.units[r.scope];
                    const SegmentInfo *a = segment_at(segs, h.span.start),
                                      *e = segment_at(segs, h.span.end - 1);
                    if (a)
                        h.span = {a->start, std::max(a->end, e ? e->end : a->end)};
                }
                AutocodeRuleResult &rr = res.rules[h.rule];
                ++rr.matches;
                if (last_source[h.rule] != w.info.id) {
                    last_source[h.rule] = w.info.id;
                    ++rr.sources;
                }
                std::int64_t code = code_ids[h.rule];
                if (!done.insert({code, h.span.start, h.span.end}).second)
                    continue;
                if (req.dry_run) {
                    bool fresh =
                        code < 0 || !store::coding_exists(db, w.info.id, code, h.span.start,
                                                          h.span.end, s.actor());
                    ++(fresh ? rr.added : rr.existing);
                } else {
                    rows.push_back({w.info.id, code, h.span.start, h.span.end});
                    pending.push_back(h.rule);
                }
                if (rr.samples.size() < req.sample && !job.text.empty()) {
                    if (!map)
                        map = std::make_unique<text::OffsetMap>(job.text);
                    if (!lines)
                        lines = std::make_unique<text::LineIndex>(job.text);
                    auto bb = map->to_byte(h.span.start), be = map->to_byte(h.span.end);
                    rr.samples.push_back({w.info.name, lines->line_of(bb), h.span.start, h.span.end,
                                          job.text.substr(bb, be - bb)});
                    if (rr.samples.size() == req.sample)
                        want_samples[h.rule] = false;
                }
            }
        }
        if (!rows.empty()) {
            auto fresh =
                store::insert_run_codings(db, rows, s.actor(), run.created_at, res.run_id, changes);
            for (std::size_t i = 0; i < rows.size(); ++i)
                ++(fresh[i] ? res.rules[pending[i]].added : res.rules[pending[i]].existing);
        }
        if (ctx.progress)
            ctx.progress(bt.end, sources.size(), "");
    };
    // Batches are matched one after another, up to kAhead of them beyond the one being written.
    // How long matching takes varies from batch to batch (long texts with few hits, short ones
    // with many): with one batch ahead, this thread waited for the matchers 23-32 ms of a 165 ms
    // run past the first batch; with four, a run of the benchmark takes 131-146 ms instead of
    // 142-162 (best of 5, 4 alternating rounds).
    struct InFlight {
        std::unique_ptr<Batch> batch;
        std::shared_future<void> matched;
    };
    std::deque<InFlight> flight;
    std::size_t loaded = 0; // sources loaded so far (in order)
    auto launch = [&] {
        auto bt = std::make_unique<Batch>(load(loaded));
        loaded = bt->end;
        std::shared_future<void> before =
            flight.empty() ? std::shared_future<void>() : flight.back().matched;
        Batch *b = bt.get();
        auto matched =
            std::async(std::launch::async, [&compiled, b, before, threads, &read_text, &keep_text] {
                // One batch at a time: readers[t] serves thread t only.
                if (before.valid())
                    before.wait();
                match_all(compiled, b->jobs, threads, read_text, keep_text);
            }).share();
        flight.push_back({std::move(bt), std::move(matched)});
    };
    auto top_up = [&] {
        while (flight.size() <= kAhead && loaded < sources.size())
            launch();
    };
    try {
        top_up();
        while (!flight.empty()) {
            InFlight cur = std::move(flight.front());
            flight.pop_front();
            cur.matched.get();
            top_up();
            apply(*cur.batch);
        }
    } catch (...) {
        for (auto &f : flight) // they use this thread's batches, rules and readers
            f.matched.wait();
        throw;
    }
    for (const auto &r : res.rules) {
        res.added += r.added;
        res.existing += r.existing;
    }
    if (req.dry_run)
        return res; // the transaction rolls back: nothing changes
    run.codings = res.added;
    if (res.added > 0)
        store::record_run_ids(db, res.run_id, before + 1, store::last_coding_id(db));
    store::update_run(db, run, changes);
    s.finish(tx, "autocode",
             fmt::format(
                 "autocode run {} ({}, sha256 {}): {} rules, {} codings added, {} already there{}",
                 res.run_id, req.rules_file, run.rules_sha256.substr(0, 12), rs.rules.size(),
                 res.added, res.existing,
                 res.created_codes.empty()
                     ? ""
                     : fmt::format(", codes created: {}", fmt::join(res.created_codes, ", "))),
             changes);
    return res;
}

} // namespace qda::app
