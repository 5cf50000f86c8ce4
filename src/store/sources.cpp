#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "qda/audit.hpp"
#include "qda/error.hpp"
#include "store/repo.hpp"
#include "store/segment_codec.hpp"

namespace qda::store {
namespace {

constexpr const char *kSourceSelect =
    "SELECT s.id, s.name, s.kind, s.format, s.encoding, s.encoding_confidence, s.encoding_method, "
    "s.sha256, s.size, s.chars, s.path, coalesce(c.name, ''), s.imported_at, s.imported_by, "
    "coalesce((SELECT count FROM segment_set g WHERE g.source_id = s.id AND g.unit = 'turn'), 0), "
    "(SELECT count(*) FROM speaker k WHERE k.source_id = s.id), "
    "coalesce((SELECT sum(count) FROM segment_set g WHERE g.source_id = s.id), 0), "
    "coalesce(p.name, '') "
    "FROM source s LEFT JOIN cases c ON c.id = s.case_id LEFT JOIN source p ON p.id = "
    "s.supersedes ";

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
    if (s.step())
        return s.i64(0);
    return std::nullopt;
}

std::optional<std::string> source_by_sha(Db &db, std::string_view sha256) {
    Stmt s(db, "SELECT name FROM source WHERE sha256 = ? LIMIT 1");
    s.bind(1, sha256);
    if (s.step())
        return s.text(0);
    return std::nullopt;
}

std::vector<std::string> source_names(Db &db) {
    Stmt s(db, "SELECT name FROM source ORDER BY name");
    std::vector<std::string> v;
    while (s.step())
        v.push_back(s.text(0));
    return v;
}

std::int64_t insert_source(Db &db, const NewSource &n, ChangeSet &changes) {
    const Document &d = *n.doc;
    Stmt ins(
        db,
        "INSERT INTO source(name, kind, format, encoding, encoding_confidence, encoding_method, "
        "sha256, size, original, text, text_sha256, chars, path, case_id, imported_at, "
        "imported_by) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, n.name).bind(2, n.kind).bind(3, d.format).bind(4, d.encoding);
    ins.bind(5, d.encoding_confidence).bind(6, d.encoding_method).bind(7, n.sha256);
    ins.bind(8, static_cast<std::int64_t>(n.original.size()));
    if (n.original_is_text ? *n.original_is_text : n.original == d.text)
        ins.bind_null(9);
    else
        ins.bind_blob(9, n.original);
    const std::string text_sha = n.text_sha256.empty() ? audit::sha256_hex(d.text) : n.text_sha256;
    ins.bind_static(10, d.text).bind(11, text_sha);
    std::int64_t chars = n.chars;
    if (chars < 0) {
        chars = 0;
        for (unsigned char c : d.text)
            chars += (c & 0xC0) != 0x80;
    }
    ins.bind(12, chars)
        .bind(13, n.path)
        .bind(14, n.case_id)
        .bind(15, n.imported_at)
        .bind(16, n.imported_by);
    ins.run();
    std::int64_t id = db.last_id();
    // The digest of the row as written (columns of the trail's digest query; supersedes is set
    // later, as an update of its own), so the event need not read it back.
    const std::string digest = digest_row(
        {DigestField::of(id), DigestField::of(n.name), DigestField::of(n.kind),
         DigestField::of(d.format), DigestField::of(d.encoding),
         DigestField::of(static_cast<std::int64_t>(d.encoding_confidence)),
         DigestField::of(d.encoding_method), DigestField::of(n.sha256),
         DigestField::of(static_cast<std::int64_t>(n.original.size())), DigestField::of(text_sha),
         DigestField::of(chars), DigestField::of(n.path), DigestField::of(n.case_id), DigestField{},
         DigestField::of(n.imported_at), DigestField::of(n.imported_by)});
    changes.insert_digested("source", id, digest,
                            {{"name", n.name}, {"kind", n.kind}, {"sha256", n.sha256}});

    // Speakers in order of appearance; a segment refers to its speaker by 1-based position.
    std::map<std::string, std::uint32_t, std::less<>> speaker_index;
    std::vector<std::int64_t> turns;
    std::vector<std::pair<std::string, std::string>> labels;
    for (const auto &label : d.speakers)
        if (speaker_index.emplace(label.label, static_cast<std::uint32_t>(labels.size() + 1))
                .second) {
            labels.emplace_back(label.label, label.role);
            turns.push_back(0);
        }
    // Units in name order (as the rows were always written); a document has a handful, and
    // consecutive segments mostly share their unit and speaker, so remember the last of each.
    std::vector<std::pair<std::string_view, std::vector<SegmentToPack>>> units;
    std::vector<SegmentToPack> *list = nullptr;
    std::string_view last_unit, last_speaker;
    std::uint32_t last_index = 0;
    // The speaker index of each segment, for the paragraphs and sentences kept apart
    // (Document::derived), which name their turn by position.
    std::vector<std::uint32_t> speaker_of;
    if (!d.derived.empty())
        speaker_of.reserve(d.segments.size());
    for (const auto &g : d.segments) {
        SegmentToPack p{g.start, g.end, g.line, 0, g.timestamp};
        if (!g.speaker.empty()) {
            if (!last_index || g.speaker != last_speaker) {
                auto it = speaker_index.find(g.speaker);
                if (it == speaker_index.end()) {
                    // A reader named a speaker it did not list: list it, rather than lose the
                    // label.
                    it = speaker_index
                             .emplace(g.speaker, static_cast<std::uint32_t>(labels.size() + 1))
                             .first;
                    labels.emplace_back(g.speaker, "");
                    turns.push_back(0);
                }
                last_speaker = it->first;
                last_index = it->second;
            }
            p.speaker = last_index;
            if (g.unit == "turn")
                ++turns[last_index - 1];
        }
        if (!list || g.unit != last_unit) {
            auto it = std::find_if(units.begin(), units.end(),
                                   [&](const auto &u) { return u.first == g.unit; });
            if (it == units.end()) {
                units.emplace_back(g.unit, std::vector<SegmentToPack>());
                it = units.end() - 1;
                // Room for all that remain: a unit's list then never moves (a few bytes a
                // segment, for the time one source is written).
                it->second.reserve(d.segments.size() -
                                   static_cast<std::size_t>(&g - d.segments.data()));
            }
            last_unit = it->first;
            list = &it->second;
        }
        list->push_back(p);
        if (!d.derived.empty())
            speaker_of.push_back(p.speaker);
    }
    if (!d.derived.empty()) {
        std::size_t sentences = 0;
        for (const DerivedSegment &g : d.derived)
            sentences += g.sentence;
        std::vector<SegmentToPack> paragraph_list, sentence_list;
        paragraph_list.reserve(d.derived.size() - sentences);
        sentence_list.reserve(sentences);
        for (const DerivedSegment &g : d.derived)
            (g.sentence ? sentence_list : paragraph_list)
                .push_back({g.start, g.end, g.line, g.turn ? speaker_of.at(g.turn - 1) : 0, {}});
        // Readers make no paragraphs or sentences of their own, so these units are new here.
        if (!paragraph_list.empty())
            units.emplace_back("paragraph", std::move(paragraph_list));
        if (!sentence_list.empty())
            units.emplace_back("sentence", std::move(sentence_list));
    }
    std::sort(units.begin(), units.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    Stmt sp(db,
            "INSERT INTO speaker(source_id, label, role, participant_id, turns) VALUES(?,?,?,?,?)");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto pid = resolve_participant(db, labels[i].first, changes);
        if (!labels[i].second.empty()) {
            // "K (Kiki): ..." is also findable as written, so it can be named in a merge.
            auto full = labels[i].first + " (" + labels[i].second + ")";
            if (!participant_id(db, full))
                add_alias(db, pid, full, changes);
        }
        sp.bind(1, id)
            .bind(2, labels[i].first)
            .bind(3, labels[i].second)
            .bind(4, pid)
            .bind(5, turns[i]);
        sp.run();
        // Digests made here, from what was just written, spare reading each row back when the
        // event is appended (import writes thousands).
        const std::int64_t sid = db.last_id();
        changes.insert_digested(
            "speaker", sid,
            digest_row({DigestField::of(sid), DigestField::of(id), DigestField::of(labels[i].first),
                        DigestField::of(labels[i].second), DigestField::of(pid),
                        DigestField::of(turns[i])}));
    }
    Stmt seg(db, "INSERT INTO segment_set(source_id, unit, count, data) VALUES(?,?,?,?)");
    std::vector<std::string> blobs;
    blobs.reserve(units.size());
    for (auto &[unit, list] : units) {
        auto order = [](const SegmentToPack &a, const SegmentToPack &b) {
            return a.start != b.start ? a.start < b.start : a.end > b.end;
        };
        // Readers hand segments over in this order already: sort only when they did not.
        if (!std::is_sorted(list.begin(), list.end(), order))
            std::stable_sort(list.begin(), list.end(), order);
        blobs.push_back(pack_segment_refs(list));
        seg.bind(1, id)
            .bind(2, unit)
            .bind(3, static_cast<std::int64_t>(list.size()))
            .bind_blob(4, blobs.back());
        seg.run();
    }
    if (!units.empty()) {
        std::vector<std::vector<DigestField>> rows;
        for (std::size_t i = 0; i < units.size(); ++i)
            rows.push_back({DigestField::of(units[i].first),
                            DigestField::of(static_cast<std::int64_t>(units[i].second.size())),
                            DigestField::of(std::string_view(blobs[i]))});
        changes.insert_digested("segments", id, digest_rows(rows));
    }
    return id;
}

std::vector<SourceInfo> list_sources(Db &db) {
    Stmt s(db, std::string(kSourceSelect) + "ORDER BY s.name");
    std::vector<SourceInfo> v;
    while (s.step())
        v.push_back(read_source(s));
    return v;
}

SourceInfo get_source(Db &db, std::int64_t id) {
    Stmt s(db, std::string(kSourceSelect) + "WHERE s.id = ?");
    s.bind(1, id);
    if (!s.step())
        throw Error(Exit::no_input, "source", fmt::format("no source with id {}", id));
    return read_source(s);
}

std::string source_text(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT text FROM source WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        throw Error(Exit::no_input, "source", fmt::format("no source with id {}", id));
    return s.text(0);
}

std::vector<SpeakerInfo> source_speakers(Db &db, std::int64_t id) {
    Stmt s(db, "SELECT k.label, k.role, p.name, k.turns FROM speaker k JOIN participant p ON p.id "
               "= k.participant_id "
               "WHERE k.source_id = ? ORDER BY k.id");
    s.bind(1, id);
    std::vector<SpeakerInfo> v;
    while (s.step())
        v.push_back({s.text(0), s.text(1), s.text(2), s.i64(3)});
    return v;
}

void set_supersedes(Db &db, std::int64_t source, std::int64_t older, ChangeSet &changes) {
    Stmt s(db, "UPDATE source SET supersedes = ? WHERE id = ?");
    s.bind(1, older).bind(2, source).run();
    changes.update("source", source, nullptr, {{"supersedes", older}});
}

void set_source_case(Db &db, std::int64_t source, std::optional<std::int64_t> case_id,
                     ChangeSet &changes) {
    Stmt s(db, "UPDATE source SET case_id = ? WHERE id = ?");
    s.bind(1, case_id).bind(2, source).run();
    changes.update("source", source, nullptr,
                   {{"case_id", case_id ? nlohmann::json(*case_id) : nlohmann::json()}});
}

std::vector<SegmentInfo> segments(Db &db, std::int64_t source, std::string_view unit) {
    struct Who {
        std::string label, participant;
        bool interviewer;
    };
    std::vector<Who> who;
    Stmt k(db, "SELECT k.label, p.name, p.is_interviewer FROM speaker k JOIN participant p ON p.id "
               "= k.participant_id "
               "WHERE k.source_id = ? ORDER BY k.id");
    k.bind(1, source);
    while (k.step())
        who.push_back({k.text(0), k.text(1), k.i64(2) != 0});
    Stmt s(db, "SELECT data FROM segment_set WHERE source_id = ? AND unit = ?");
    s.bind(1, source).bind(2, unit);
    std::vector<SegmentInfo> v;
    if (!s.step())
        return v;
    auto packed = unpack_segments(s.view(0), fmt::format("segments of source {}", source));
    v.reserve(packed.size());
    for (std::size_t i = 0; i < packed.size(); ++i) {
        auto &p = packed[i];
        SegmentInfo g;
        g.ordinal = static_cast<std::int64_t>(i + 1);
        g.id = g.ordinal;
        g.start = p.start;
        g.end = p.end;
        g.line = p.line;
        g.unit = std::string(unit);
        if (p.speaker > 0 && p.speaker <= who.size()) {
            const auto &w = who[p.speaker - 1];
            g.speaker = w.label;
            g.participant = w.participant;
            g.interviewer = w.interviewer;
        }
        g.timestamp = std::move(p.timestamp);
        v.push_back(std::move(g));
    }
    return v;
}

std::vector<std::pair<std::string, std::int64_t>> segment_units(Db &db, std::int64_t source) {
    Stmt s(db, "SELECT unit, count FROM segment_set WHERE source_id = ? ORDER BY unit");
    s.bind(1, source);
    std::vector<std::pair<std::string, std::int64_t>> v;
    while (s.step())
        v.emplace_back(s.text(0), s.i64(1));
    return v;
}

} // namespace qda::store
