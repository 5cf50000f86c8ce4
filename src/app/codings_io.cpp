// qda codings import: codings made in a spreadsheet, an editor or another program come back
// in, in the columns `qda codings` writes. Streams the file; one transaction; any bad row
// imports nothing.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/coding_common.hpp"
#include "app/session.hpp"
#include "qda/coding.hpp"
#include "qda/csv.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "qda/text.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

/// One row as read: text fields point into the reader's buffers until the next row.
struct Row {
    std::string_view source, code, coder, time, memo, text, start, end;
    bool has_text = false;
    std::int64_t start_n = -1, end_n = -1; ///< set directly by the JSONL reader
};

bool iso_time(std::string_view t) {
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (i >= t.size() || t[i] < '0' || t[i] > '9')
                return false;
        return true;
    };
    if (t.size() < 20 || !digits(0, 4) || t[4] != '-' || !digits(5, 2) || t[7] != '-' ||
        !digits(8, 2) || t[10] != 'T' || !digits(11, 2) || t[13] != ':' || !digits(14, 2) ||
        t[16] != ':' || !digits(17, 2) || t.back() != 'Z')
        return false;
    if (t.size() == 20)
        return true;
    return t[19] == '.' && t.size() >= 22 && t.size() <= 30 && digits(20, t.size() - 21);
}

class Importer {
  public:
    Importer(Session &s, const CodingImportRequest &req, store::ChangeSet &changes)
        : s_(s), db_(s.db()), req_(req), changes_(changes), file_(req.file.string()) {
        for (const auto &si : store::list_sources(db_))
            sources_[si.name] = {si.id, si.chars, nullptr};
        for (const auto &c : store::all_codes(db_))
            if (c.status != "merged")
                codes_[c.name] = c;
        now_ = store::append_time_now();
    }

    void row(const Row &r, std::int64_t line) {
        ++result.rows;
        auto bad = [&](std::string what) {
            if (++bad_ <= 20)
                errors_.push_back({fmt::format("{}:{}", file_, line), std::move(what)});
        };
        auto src = sources_.find(std::string(r.source));
        if (src == sources_.end()) {
            std::string what = fmt::format("unknown source \"{}\"", r.source);
            if (bad_ < 20)
                if (auto m = model::did_you_mean(r.source, names()))
                    what += fmt::format(" (did you mean \"{}\"?)", *m);
            return bad(what);
        }
        std::int64_t code = 0;
        if (auto c = codes_.find(std::string(r.code)); c != codes_.end()) {
            if (c->second.status != "active" || c->second.cycle != 1) {
                try {
                    check_applicable(c->second, "");
                } catch (const Error &e) {
                    return bad(e.what());
                }
            }
            code = c->second.id;
        } else if (req_.create_codes && !r.code.empty()) {
            try {
                auto n = new_code(std::string(r.code), s_.actor(), "");
                store::insert_code(db_, n, changes_);
                result.created_codes.push_back(n.name);
                code = n.id;
                codes_[n.name] = n;
            } catch (const Error &e) {
                return bad(e.what());
            }
        } else {
            return bad(
                r.code.empty()
                    ? std::string("the code is empty")
                    : fmt::format("unknown code \"{}\" (--create-codes creates it)", r.code));
        }
        if (r.coder.empty())
            return bad("the coder is empty");
        auto start = r.start_n >= 0 ? r.start_n : number(r.start);
        auto end = r.end_n >= 0 ? r.end_n : number(r.end);
        if (start < 0)
            return bad(
                fmt::format("start \"{}\" is not a position (a whole number from 0)", r.start));
        if (end < 0)
            return bad(fmt::format("end \"{}\" is not a position (a whole number from 0)", r.end));
        if (start >= end)
            return bad(fmt::format("start {} is not before end {}", start, end));
        auto &si = src->second;
        if (end > si.chars)
            return bad(fmt::format("end {} is beyond the text of {} ({} characters)", end, r.source,
                                   si.chars));
        if (r.has_text) {
            if (!si.text)
                si.text = std::make_unique<Text>(store::source_text(db_, si.id));
            auto b = si.text->map.to_byte(start), e = si.text->map.to_byte(end);
            if (std::string_view(si.text->text).substr(b, e - b) != r.text)
                return bad(fmt::format(
                    "the text column does not match {} at {}-{}: the row has moved or been edited",
                    r.source, start, end));
        }
        if (!r.time.empty() && !iso_time(r.time))
            return bad(
                fmt::format("time \"{}\" is not a UTC time like 2024-07-03T10:15:00.000Z", r.time));
        if (bad_ > 0)
            return; // keep checking the rest, write nothing more
        store::CodingRow c{0,
                           si.id,
                           code,
                           start,
                           end,
                           std::string(r.coder),
                           r.time.empty() ? now_ : std::string(r.time),
                           std::string(r.memo),
                           std::nullopt};
        if (store::insert_coding(db_, c, changes_))
            ++result.imported;
        else
            ++result.existing;
    }

    /// Throws the collected errors, if any: the first as the message, the others as context.
    void finish() const {
        if (errors_.empty())
            return;
        Error e(Exit::data, errors_[0].first, errors_[0].second,
                fmt::format("nothing was imported ({} bad row(s) of {})", bad_, result.rows));
        for (std::size_t i = 1; i < errors_.size(); ++i)
            e.context.push_back(fmt::format("{}: {}", errors_[i].first, errors_[i].second));
        if (bad_ > 20)
            e.context.push_back(fmt::format("... and {} more bad row(s)", bad_ - 20));
        throw e;
    }

    CodingImportResult result;

  private:
    struct Text {
        explicit Text(std::string t) : text(std::move(t)), map(text) {}
        std::string text;
        text::OffsetMap map;
    };
    struct Source {
        std::int64_t id, chars;
        std::unique_ptr<Text> text;
    };

    static std::int64_t number(std::string_view v) {
        std::int64_t n = -1;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size())
            return -1;
        return n;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> v;
        for (const auto &[n, _] : sources_)
            v.push_back(n);
        return v;
    }

    Session &s_;
    store::Db &db_;
    const CodingImportRequest &req_;
    store::ChangeSet &changes_;
    std::string file_, now_;
    std::unordered_map<std::string, Source> sources_;
    std::unordered_map<std::string, store::CodeRow> codes_;
    std::vector<std::pair<std::string, std::string>> errors_;
    std::int64_t bad_ = 0;
};

/// Column positions from a header; source, start, end, code and coder are required.
struct Columns {
    int source = -1, start = -1, end = -1, code = -1, coder = -1, time = -1, memo = -1, text = -1;
    std::size_t count = 0;

    Columns(const std::vector<std::string> &head, const std::string &where) {
        count = head.size();
        for (std::size_t i = 0; i < head.size(); ++i) {
            auto h = head[i];
            int *slot = h == "source"  ? &source
                        : h == "start" ? &start
                        : h == "end"   ? &end
                        : h == "code"  ? &code
                        : h == "coder" ? &coder
                        : h == "time"  ? &time
                        : h == "memo"  ? &memo
                        : h == "text"  ? &text
                                       : nullptr;
            if (slot)
                *slot = static_cast<int>(i);
        }
        std::vector<std::string> missing;
        for (auto [n, v] : {std::pair{"source", source},
                            {"start", start},
                            {"end", end},
                            {"code", code},
                            {"coder", coder}})
            if (v < 0)
                missing.emplace_back(n);
        if (!missing.empty())
            throw Error(Exit::data, where + ":1",
                        fmt::format("missing column(s): {}", fmt::join(missing, ", ")),
                        "the header needs source, start, end, code and coder (as `qda codings "
                        "--format tsv` writes)");
    }

    Row row(const std::vector<std::string_view> &f) const {
        auto at = [&](int i) {
            return i < 0 ? std::string_view() : f[static_cast<std::size_t>(i)];
        };
        Row r;
        r.source = at(source);
        r.code = at(code);
        r.coder = at(coder);
        r.time = at(time);
        r.memo = at(memo);
        r.text = at(text);
        r.start = at(start);
        r.end = at(end);
        r.has_text = text >= 0;
        return r;
    }
};

std::string unescape_tsv(std::string_view s) {
    std::string o;
    o.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            o += s[i];
            continue;
        }
        char n = s[++i];
        o += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
    }
    return o;
}

void read_tsv(std::istream &in, const std::string &where, Importer &imp) {
    std::string line;
    std::int64_t n = 0;
    std::unique_ptr<Columns> cols;
    std::vector<std::string> fields;
    std::vector<std::string_view> views;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3);
        if (line.empty())
            continue;
        fields.clear();
        for (std::size_t p = 0;;) {
            auto t = line.find('\t', p);
            auto raw = std::string_view(line).substr(p, t == std::string::npos ? std::string::npos
                                                                               : t - p);
            fields.push_back(raw.find('\\') == std::string_view::npos ? std::string(raw)
                                                                      : unescape_tsv(raw));
            if (t == std::string::npos)
                break;
            p = t + 1;
        }
        if (!cols) {
            cols = std::make_unique<Columns>(fields, where);
            continue;
        }
        if (fields.size() != cols->count)
            throw Error(
                Exit::data, fmt::format("{}:{}", where, n),
                fmt::format("{} field(s) where the header has {}", fields.size(), cols->count),
                "nothing was imported");
        views.assign(fields.begin(), fields.end());
        imp.row(cols->row(views), n);
    }
    if (!cols)
        throw Error(Exit::data, where, "empty file: there is no header line");
}

void read_csv(std::istream &in, const std::string &where, Importer &imp) {
    std::string line, header, chunk;
    std::int64_t n = 0, header_first = 0, header_last = 0, chunk_first = 0, records = 0;
    std::unique_ptr<Columns> cols;
    std::size_t quotes = 0;
    auto flush = [&] {
        if (chunk.empty())
            return;
        // Blank lines (which the parser skips) keep its line numbers those of the file.
        std::string doc =
            std::string(static_cast<std::size_t>(header_first - 1), '\n') + header + '\n' +
            std::string(static_cast<std::size_t>(chunk_first - header_last - 1), '\n') + chunk;
        auto t = interop::parse(doc, ',', where);
        std::vector<std::string_view> views;
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            views.assign(t.rows[i].begin(), t.rows[i].end());
            imp.row(cols->row(views), t.row_lines[i]);
        }
        chunk.clear();
        records = 0;
    };
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!cols) {
            if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
                line.erase(0, 3);
            if (header.empty() && line.empty())
                continue;
            if (header.empty())
                header_first = n;
            header += line;
            quotes += static_cast<std::size_t>(std::count(line.begin(), line.end(), '"'));
            if (quotes % 2) {
                header += '\n';
                continue;
            }
            header_last = n;
            cols = std::make_unique<Columns>(interop::parse(header, ',', where).header, where);
            quotes = 0;
            continue;
        }
        if (chunk.empty())
            chunk_first = n;
        chunk += line;
        chunk += '\n';
        quotes += static_cast<std::size_t>(std::count(line.begin(), line.end(), '"'));
        if (quotes % 2 == 0 && ++records >= 50000)
            flush();
    }
    if (!cols)
        throw Error(Exit::data, where, "empty file: there is no header line");
    flush();
}

void read_jsonl(std::istream &in, const std::string &where, Importer &imp) {
    std::string line;
    std::int64_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        auto at = fmt::format("{}:{}", where, n);
        if (j.is_discarded() || !j.is_object())
            throw Error(Exit::data, at, "not a JSON object", "nothing was imported");
        Row r;
        auto str = [&](const char *k, bool required) -> std::string_view {
            auto it = j.find(k);
            if (it == j.end() || it->is_null()) {
                if (required)
                    throw Error(Exit::data, at, fmt::format("missing \"{}\"", k),
                                "nothing was imported");
                return {};
            }
            if (!it->is_string())
                throw Error(Exit::data, at, fmt::format("\"{}\" is not a string", k),
                            "nothing was imported");
            return it->get_ref<const std::string &>();
        };
        auto num = [&](const char *k) -> std::int64_t {
            auto it = j.find(k);
            if (it == j.end())
                throw Error(Exit::data, at, fmt::format("missing \"{}\"", k),
                            "nothing was imported");
            if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
                throw Error(Exit::data, at,
                            fmt::format("\"{}\" is not a position (a whole number from 0)", k),
                            "nothing was imported");
            return it->get<std::int64_t>();
        };
        r.source = str("source", true);
        r.code = str("code", true);
        r.coder = str("coder", true);
        r.time = str("time", false);
        r.memo = str("memo", false);
        r.has_text = j.contains("text") && !j["text"].is_null();
        r.text = str("text", false);
        r.start_n = num("start");
        r.end_n = num("end");
        imp.row(r, n);
    }
}

std::string format_of(const CodingImportRequest &req) {
    if (!req.format.empty())
        return req.format;
    auto ext = req.file.extension().string();
    if (ext == ".tsv" || ext == ".tab")
        return "tsv";
    if (ext == ".csv")
        return "csv";
    if (ext == ".jsonl" || ext == ".ndjson")
        return "jsonl";
    throw Error(Exit::usage, req.file.string(), "cannot tell the format from the file name",
                "name it .tsv, .csv or .jsonl, or say --format-in tsv|csv|jsonl");
}

} // namespace

CodingImportResult import_codings(const Context &ctx, const CodingImportRequest &req) {
    auto format = format_of(req);
    if (format != "tsv" && format != "csv" && format != "jsonl")
        throw Error(Exit::usage, "--format-in", fmt::format("unknown format \"{}\"", format),
                    "use tsv, csv or jsonl");
    std::vector<char> buffer(1 << 20);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    in.open(req.file, std::ios::binary);
    if (!in)
        throw Error(Exit::no_input, req.file.string(), "cannot read this file");
    Session s(ctx);
    store::Transaction tx(s.db());
    store::ChangeSet changes;
    changes.attach(s.db());
    Importer imp(s, req, changes);
    auto where = req.file.string();
    if (format == "tsv")
        read_tsv(in, where, imp);
    else if (format == "csv")
        read_csv(in, where, imp);
    else
        read_jsonl(in, where, imp);
    if (in.bad())
        throw Error(Exit::io, where, "read error");
    imp.finish();
    auto r = imp.result;
    if (req.dry_run || (r.imported == 0 && r.created_codes.empty()))
        return r;
    auto summary = fmt::format("{} coding(s) imported from {} ({} already present)", r.imported,
                               req.file.filename().string(), r.existing);
    if (!r.created_codes.empty())
        summary += fmt::format("; code(s) created: {}", fmt::join(r.created_codes, ", "));
    s.finish(tx, "codings.import", summary, changes);
    return r;
}

} // namespace qda::app
