#include <map>

#include <fmt/format.h>

#include "qda/audit.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"

namespace qda::store {
namespace {

constexpr const char *kSourceSelect =
    "SELECT s.id, s.name, s.kind, s.format, s.encoding, s.encoding_confidence, s.encoding_method, "
    "s.sha256, s.size, s.chars, s.path, coalesce(c.name, ''), s.imported_at, s.imported_by, "
    "(SELECT count(*) FROM segment g WHERE g.source_id = s.id AND g.unit = 'turn'), "
    "(SELECT count(*) FROM speaker k WHERE k.source_id = s.id), "
    "(SELECT count(*) FROM segment g WHERE g.source_id = s.id), coalesce(p.name, '') "
    "FROM source s LEFT JOIN cases c ON c.id = s.case_id LEFT JOIN source p ON p.id = s.supersedes ";

SourceInfo read_source(Stmt &s) {
    SourceInfo i;
    i.id = s.i64(0);
    i.name = s.text(1);
    i.kind = s.text(2);
    i.format = s.text(3);
    i.encoding = s.text(4);
    i.encoding_confidence = static_cast<int>(s.i64(5));
    i.encoding_method = s.text(6);
    i.sha256 = s.text(7);
    i.size = s.i64(8);
    i.chars = s.i64(9);
    i.path = s.text(10);
    i.case_name = s.text(11);
    i.imported_at = s.text(12);
    i.imported_by = s.text(13);
    i.turns = s.i64(14);
    i.speakers = s.i64(15);
    i.segments = s.i64(16);
    i.supersedes = s.text(17);
    return i;
}

} // namespace

std::optional<std::int64_t> source_id(Db &db, std::string_view name) {
    Stmt s(db, "SELECT id FROM source WHERE name = ?");
    s.bind(1, name);
    if (s.step()) return s.i64(0);
    return std::nullopt;
}

std::optional<std::string> source_by_sha(Db &db, std::string_view sha256) {
    Stmt s(db, "SELECT name FROM source WHERE sha256 = ? LIMIT 1");
    s.bind(1, sha256);
    if (s.step()) return s.text(0);
    return std::nullopt;
}

std::vector<std::string> source_names(Db &db) {
    Stmt s(db, "SELECT name FROM source ORDER BY name");
    std::vector<std::string> v;
    while (s.step()) v.push_back(s.text(0));
    return v;
}

std::int64_t insert_source(Db &db, const NewSource &n, ChangeSet &changes) {
    const Document &d = *n.doc;
    Stmt ins(db, "INSERT INTO source(name, kind, format, encoding, encoding_confidence, encoding_method, "
                 "sha256, size, original, text, text_sha256, chars, path, case_id, imported_at, imported_by) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, n.name).bind(2, n.kind).bind(3, d.format).bind(4, d.encoding);
    ins.bind(5, d.encoding_confidence).bind(6, d.encoding_method).bind(7, n.sha256);
    ins.bind(8, static_cast<std::int64_t>(n.original.size()));
    if (n.original == d.text) ins.bind_null(9);
    else ins.bind_blob(9, n.original);
    ins.bind(10, d.text).bind(11, audit::sha256_hex(d.text));
    std::int64_t chars = 0;
    for (unsigned char c : d.text) chars += (c & 0xC0) != 0x80;
    ins.bind(12, chars).bind(13, n.path).bind(14, n.case_id).bind(15, n.imported_at).bind(16, n.imported_by);
    ins.run();
    std::int64_t id = db.last_id();
    changes.insert("source", id, {{"name", n.name}, {"kind", n.kind}, {"sha256", n.sha256}});

    std::map<std::string, std::int64_t, std::less<>> speaker_ids;
    Stmt sp(db, "INSERT INTO speaker(source_id, label, role, participant_id) VALUES(?,?,?,?)");
    for (const auto &label : d.speakers) {
        if (speaker_ids.count(label.label)) continue;
        auto pid = resolve_participant(db, label.label, changes);
        sp.bind(1, id).bind(2, label.label).bind(3, label.role).bind(4, pid);
        sp.run();
        speaker_ids[label.label] = db.last_id();
        changes.insert("speaker", db.last_id());
    }

    Stmt seg(db, "INSERT INTO segment(source_id, unit, ordinal, start, end, line, speaker_id, timestamp) "
                 "VALUES(?,?,?,?,?,?,?,?)");
    std::map<std::string, std::int64_t, std::less<>> ordinals;
    for (const auto &g : d.segments) {
        seg.bind(1, id).bind(2, g.unit).bind(3, ++ordinals[g.unit]).bind(4, g.start).bind(5, g.end);
        seg.bind(6, g.line);
        if (auto it = speaker_ids.find(g.speaker); !g.speaker.empty() && it != speaker_ids.end())
            seg.bind(7, it->second);
        else
            seg.bind_null(7);
        seg.bind(8, g.timestamp);
        seg.run();
    }
    if (!d.segments.empty()) changes.insert("segments", id);
    return id;
}

std::vector<SourceInfo> list_sources(Db &db) {
    Stmt s(db, std::string(kSourceSelect) + "ORDER BY s.name");
    std::vector<SourceInfo> v;
    while (s.step()) v.push_back(read_source(s));
    return v;
}

SourceInfo get_source(Db &db, std::int64_t id) {
    Stmt s(db, std::string(kSourceSelect) + "WHERE s.id = ?");
    s.bind(1, id);
    if (!s.step()) throw Error(Exit::no_input, "source", fmt::format("no source with id {}", id));
    return read_source(s);
}

std::string source_text(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT text FROM source WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw Error(Exit::no_input, "source", fmt::format("no source with id {}", id));
    return s.text(0);
}

std::vector<std::pair<std::string, std::string>> source_speakers(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT k.label, p.name FROM speaker k JOIN participant p ON p.id = k.participant_id "
               "WHERE k.source_id = ? ORDER BY k.id");
    s.bind(1, id);
    std::vector<std::pair<std::string, std::string>> v;
    while (s.step()) v.emplace_back(s.text(0), s.text(1));
    return v;
}

void set_supersedes(Db &db, std::int64_t source, std::int64_t older, ChangeSet &changes) {
    Stmt s(db, "UPDATE source SET supersedes = ? WHERE id = ?");
    s.bind(1, older).bind(2, source).run();
    changes.update("source", source, nullptr, {{"supersedes", older}});
}

void set_source_case(Db &db, std::int64_t source, std::optional<std::int64_t> case_id, ChangeSet &changes) {
    Stmt s(db, "UPDATE source SET case_id = ? WHERE id = ?");
    s.bind(1, case_id).bind(2, source).run();
    changes.update("source", source, nullptr, {{"case_id", case_id ? nlohmann::json(*case_id) : nlohmann::json()}});
}

std::vector<SegmentInfo> segments(Db &db, std::int64_t source, std::string_view unit) {
    Stmt s(db, "SELECT g.id, g.ordinal, g.start, g.end, g.line, g.unit, coalesce(k.label, ''), "
               "coalesce(p.name, ''), g.timestamp, coalesce(p.is_interviewer, 0) FROM segment g "
               "LEFT JOIN speaker k ON k.id = g.speaker_id LEFT JOIN participant p ON p.id = k.participant_id "
               "WHERE g.source_id = ? AND g.unit = ? ORDER BY g.ordinal");
    s.bind(1, source).bind(2, unit);
    std::vector<SegmentInfo> v;
    while (s.step()) {
        SegmentInfo g;
        g.id = s.i64(0);
        g.ordinal = s.i64(1);
        g.start = s.i64(2);
        g.end = s.i64(3);
        g.line = s.i64(4);
        g.unit = s.text(5);
        g.speaker = s.text(6);
        g.participant = s.text(7);
        g.timestamp = s.text(8);
        g.interviewer = s.i64(9) != 0;
        v.push_back(std::move(g));
    }
    return v;
}

std::vector<std::pair<std::string, std::int64_t>> segment_units(Db &db, std::int64_t source) {
    Stmt s(db, "SELECT unit, count(*) FROM segment WHERE source_id = ? GROUP BY unit ORDER BY unit");
    s.bind(1, source);
    std::vector<std::pair<std::string, std::int64_t>> v;
    while (s.step()) v.emplace_back(s.text(0), s.i64(1));
    return v;
}

} // namespace qda::store
