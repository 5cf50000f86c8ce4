// The matrix engine's view of the project (sources, codes, participants, turns, dates), its
// filters, and the dimensions that map a coding to rows or columns.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/codebook_tree.hpp"
#include "app/matrix_engine.hpp"
#include "app/retrieve_filter.hpp"
#include "app/session.hpp"
#include "qda/codebook.hpp"
#include "qda/error.hpp"
#include "qda/names.hpp"
#include "store/matrix_data.hpp"
#include "store/repo.hpp"

namespace qda::app::engine {
namespace {

const std::vector<std::string> kWhereKeys = {
    "kind", "case", "source", "coder", "speaker", "attr:", "participant-attr:", "from", "to"};
const std::vector<std::string> kDims = {
    "case",  "source",      "kind",  "participant", "speaker",     "attr:KEY",     "code",
    "theme", "code:PARENT", "coder", "period:day",  "period:week", "period:month", "period:year"};

std::string where_key(const std::string &k) {
    if (k.rfind("attr:", 0) == 0 && k.size() > 5)
        return "attr:";
    if (k.rfind("participant-attr:", 0) == 0 && k.size() > 17)
        return "participant-attr:";
    for (const auto &w : kWhereKeys)
        if (w == k && w.back() != ':')
            return k;
    auto m = model::did_you_mean(k, kWhereKeys);
    throw Error(Exit::usage, "--where", fmt::format("\"{}\" is not a filter", k),
                m ? fmt::format("did you mean \"{}\"?", *m)
                  : "use kind, case, source, coder, speaker, attr:KEY, participant-attr:KEY, "
                    "from or to");
}

[[noreturn]] void bad_dim(const std::string &spec) {
    auto m = model::did_you_mean(spec, kDims);
    throw Error(Exit::usage, "--rows/--cols", fmt::format("\"{}\" is not a dimension", spec),
                m ? fmt::format("did you mean \"{}\"?", *m)
                  : "use case, source, kind, participant, speaker, attr:KEY, code, theme, "
                    "code:PARENT, coder or period:day|week|month|year");
}

std::string check_date(const std::string &key, const std::string &v) {
    if (!model::period_of(v, "day"))
        throw Error(Exit::usage, "--where", fmt::format("{}={}: not a date", key, v),
                    "write dates as YYYY-MM-DD");
    return v.substr(0, 10);
}

/// Which entity an attribute dimension reads: "case", "source", "source-or-case" or
/// "participant"; a not-found error with did-you-mean when no entity has the key.
std::pair<std::string, std::string> attr_entity(store::Db &db, const std::string &spec) {
    std::string rest = spec.substr(5);
    for (std::string e : {"case", "source", "participant"})
        if (rest.rfind(e + ".", 0) == 0) {
            auto key = rest.substr(e.size() + 1);
            if (!store::attribute_type(db, e, key)) {
                std::vector<std::string> keys;
                for (const auto &a : store::list_attributes(db, e, -1))
                    keys.push_back(a.key);
                not_found(e + " attribute", key, keys);
            }
            return {e, key};
        }
    if (store::attribute_type(db, "source", rest) || store::attribute_type(db, "case", rest))
        return {"source-or-case", rest};
    if (store::attribute_type(db, "participant", rest))
        return {"participant", rest};
    std::vector<std::string> keys;
    for (const auto &a : store::list_attributes(db, "", -1))
        keys.push_back(a.key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    not_found("attribute", rest, keys);
}

void add_member(Dim &d, std::string key, std::string label, bool extra = false,
                std::int64_t entity_id = -1) {
    MatrixMember m;
    m.key = std::move(key);
    m.label = std::move(label);
    d.members.push_back(std::move(m));
    d.extra.push_back(extra ? 1 : 0);
    d.entity_id.push_back(entity_id);
}

/// Members named by sorted distinct values, "(none)" last for entities without one.
void members_from_values(Dim &d, std::vector<std::string> values_per_index) {
    std::vector<std::string> distinct;
    for (const auto &v : values_per_index)
        if (!v.empty())
            distinct.push_back(v);
    std::sort(distinct.begin(), distinct.end(), [](const std::string &a, const std::string &b) {
        auto c = model::compare_values(a, b);
        return c != 0 ? c < 0 : a < b;
    });
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::map<std::string, std::int32_t> at;
    for (const auto &v : distinct) {
        at[v] = static_cast<std::int32_t>(d.members.size());
        add_member(d, v, v);
    }
    auto none = static_cast<std::int32_t>(d.members.size());
    add_member(d, "(none)", "(none)", true);
    d.map.assign(values_per_index.size(), {});
    for (std::size_t i = 0; i < values_per_index.size(); ++i)
        d.map[i] = {values_per_index[i].empty() ? none : at[values_per_index[i]]};
}

void code_dim(store::Db &db, Universe &u, Dim &d, const std::string &spec, int level) {
    d.basis = Basis::code;
    d.map.assign(u.codes.size(), {});
    // `under`: the parent a column is grouped under when several are shown (code:P1,P2).
    auto member_of = [&](std::size_t code_index, const std::vector<std::int64_t> &counted,
                         const store::CodeRow *under = nullptr) {
        auto m = static_cast<std::int32_t>(d.members.size());
        const auto &c = u.codes[code_index];
        if (under)
            add_member(d, under->uid + "/" + c.uid, under->name + "/" + c.name, false, c.id);
        else
            add_member(d, c.uid, c.name, false, c.id);
        for (auto id : counted)
            if (id >= 0 && static_cast<std::size_t>(id) < u.code_at.size() && u.code_at[id] >= 0)
                d.map[u.code_at[id]].push_back(m);
    };
    if (spec == "code" && level == 1) {
        for (std::size_t i = 0; i < u.codes.size(); ++i)
            if (u.codes[i].cycle == 1)
                member_of(i, {u.codes[i].id});
        return;
    }
    if (spec == "theme" || spec == "code") { // level 2: pattern codes, counting their members
        for (std::size_t i = 0; i < u.codes.size(); ++i)
            if (u.codes[i].cycle == 2)
                member_of(i, expand_code(db, u.codes[i].id));
        return;
    }
    // One parent, or several joined by commas (a name with a comma in it is tried whole first).
    std::vector<std::int64_t> parents;
    auto names = spec.substr(5);
    if (auto whole = find_code(db, names); whole || names.find(',') == std::string::npos)
        parents.push_back(whole ? *whole : require_code(db, names));
    else
        for (std::size_t from = 0; from <= names.size();) {
            auto comma = std::min(names.find(',', from), names.size());
            parents.push_back(require_code(db, names.substr(from, comma - from)));
            from = comma + 1;
        }
    for (auto parent : parents) {
        const store::CodeRow *under = nullptr;
        if (parents.size() > 1 && static_cast<std::size_t>(parent) < u.code_at.size() &&
            u.code_at[parent] >= 0)
            under = &u.codes[u.code_at[parent]];
        auto before = d.members.size();
        for (std::size_t i = 0; i < u.codes.size(); ++i)
            if (u.codes[i].parent_id == parent)
                member_of(i, expand_code(db, u.codes[i].id, true), under);
        if (d.members.size() == before && static_cast<std::size_t>(parent) < u.code_at.size() &&
            u.code_at[parent] >= 0)
            for (auto m : u.codes[u.code_at[parent]].members) // a pattern code: its members
                if (static_cast<std::size_t>(m) < u.code_at.size() && u.code_at[m] >= 0)
                    member_of(u.code_at[m], expand_code(db, m, true), under);
        if (d.members.size() == before)
            throw Error(
                Exit::data, spec,
                fmt::format("\"{}\" has no children and no members",
                            store::code_by_id(db, parent)->name),
                "code:PARENT shows the child codes of PARENT (or a pattern code's members)");
    }
}

} // namespace

std::unordered_map<std::string, std::unordered_map<std::string, std::string>>
attr_values(store::Db &db, const std::string &entity) {
    std::unordered_map<std::string, std::unordered_map<std::string, std::string>> v;
    for (auto &a : store::list_attributes(db, entity, -1))
        v[a.entity_name][a.key] = a.value;
    return v;
}

bool where_needs_turns(const std::vector<std::pair<std::string, std::string>> &where,
                       bool no_interviewer) {
    if (no_interviewer)
        return true;
    for (const auto &[k, v] : where)
        if (k == "speaker" || k.rfind("participant-attr:", 0) == 0)
            return true;
    return false;
}

bool where_needs_dates(const std::vector<std::pair<std::string, std::string>> &where) {
    for (const auto &[k, v] : where)
        if (k == "from" || k == "to")
            return true;
    return false;
}

bool where_needs_coders(const std::vector<std::pair<std::string, std::string>> &where) {
    for (const auto &[k, v] : where)
        if (k == "coder")
            return true;
    return false;
}

Basis basis_of(const std::string &spec) {
    if (spec == "case" || spec == "source" || spec == "kind")
        return Basis::source;
    if (spec == "participant")
        return Basis::participant;
    if (spec == "speaker")
        return Basis::speaker;
    if (spec == "code" || spec == "theme" || (spec.rfind("code:", 0) == 0 && spec.size() > 5))
        return Basis::code;
    if (spec == "coder")
        return Basis::coder;
    if (spec == "all")
        return Basis::all;
    if (spec.rfind("period:", 0) == 0) {
        auto g = spec.substr(7);
        if (g == "day" || g == "week" || g == "month" || g == "year")
            return Basis::period;
    }
    if (spec.rfind("attr:", 0) == 0 && spec.size() > 5)
        return Basis::source; // or participant: decided by resolve, which knows the keys
    bad_dim(spec);
}

Universe load(store::Db &db, const std::vector<std::pair<std::string, std::string>> &where,
              bool no_interviewer, bool need_turns, bool need_dates, bool need_coders) {
    Universe u;
    RetrieveRequest rr;
    rr.no_interviewer = no_interviewer;
    std::set<std::string> only_sources;
    for (const auto &[k, v] : where) {
        auto key = where_key(k);
        if (key == "kind")
            rr.kinds.push_back(v);
        else if (key == "case")
            rr.cases.push_back(v);
        else if (key == "source") {
            require_source(db, v);
            only_sources.insert(v);
        } else if (key == "coder")
            u.coder_filter.insert(v);
        else if (key == "speaker")
            rr.speakers.push_back(v);
        else if (key == "attr:")
            rr.attrs.emplace_back(k.substr(5), v);
        else if (key == "participant-attr:")
            rr.participant_attrs.emplace_back(k.substr(17), v);
        else if (key == "from")
            u.date_from = check_date(k, v);
        else if (key == "to")
            u.date_to = check_date(k, v);
    }
    u.need_turns = need_turns || where_needs_turns(where, no_interviewer);
    u.need_dates = need_dates || where_needs_dates(where);

    u.sources = store::source_briefs(db);
    std::set<std::string> ok;
    if (rr.kinds.empty() && rr.cases.empty() && rr.attrs.empty()) {
        for (const auto &s : u.sources)
            if (only_sources.empty() || only_sources.count(s.name))
                ok.insert(s.name);
    } else
        for (const auto &s : retrieve_sources(db, rr))
            if (only_sources.empty() || only_sources.count(s.name))
                ok.insert(s.name);
    std::int64_t max_id = 0;
    for (const auto &s : u.sources)
        max_id = std::max(max_id, s.id);
    u.source_at.assign(static_cast<std::size_t>(max_id + 1), -1);
    u.source_ok.assign(u.sources.size(), 0);
    for (std::size_t i = 0; i < u.sources.size(); ++i) {
        u.source_at[u.sources[i].id] = static_cast<std::int32_t>(i);
        u.source_ok[i] = ok.count(u.sources[i].name) ? 1 : 0;
    }

    auto book = project_codebook(db);
    u.codes = std::move(book.rows);
    max_id = 0;
    for (const auto &c : store::all_codes(db))
        max_id = std::max(max_id, c.id);
    u.code_at.assign(static_cast<std::size_t>(max_id + 1), -1);
    for (std::size_t i = 0; i < u.codes.size(); ++i)
        u.code_at[u.codes[i].id] = static_cast<std::int32_t>(i);
    u.depth.assign(u.codes.size(), 0);
    for (std::size_t i = 0; i < u.codes.size(); ++i) {
        auto p = book.book.codes[i].parent;
        u.depth[i] = p >= 0 ? u.depth[p] + 1 : 0; // parents come before their children
    }

    if (need_coders) {
        u.coders = store::coders(db);
        for (std::size_t i = 0; i < u.coders.size(); ++i)
            u.coder_at[u.coders[i]] = static_cast<std::int32_t>(i);
    }

    for (const auto &p : store::list_participants(db)) {
        u.participant_at[p.name] = static_cast<std::int32_t>(u.participants.size());
        u.participants.push_back(p.name);
        u.interviewer.push_back(p.interviewer ? 1 : 0);
    }
    SpeakerFilter sf(db, rr);
    u.participant_ok.assign(u.participants.size(), 1);
    for (std::size_t i = 0; i < u.participants.size(); ++i) {
        SegmentInfo g;
        g.participant = u.participants[i];
        g.interviewer = u.interviewer[i] != 0;
        u.participant_ok[i] = sf.pass(&g) ? 1 : 0;
    }
    u.none_ok = sf.pass(nullptr);

    u.turns.assign(u.sources.size(), {});
    u.entries.assign(u.sources.size(), {});
    u.source_date.assign(u.sources.size(), {});
    if (u.need_turns) {
        std::unordered_map<std::string, std::int32_t> label_at;
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < u.sources.size(); ++i) {
            if (!u.source_ok[i])
                continue;
            for (const auto &t : store::segments(db, u.sources[i].id, "turn")) {
                Turn turn{t.start, t.end, -1, -1};
                if (auto p = u.participant_at.find(t.participant); p != u.participant_at.end())
                    turn.participant = p->second;
                if (!t.speaker.empty()) {
                    auto [it, added] =
                        label_at.emplace(t.speaker, static_cast<std::int32_t>(labels.size()));
                    if (added)
                        labels.push_back(t.speaker);
                    turn.speaker = it->second;
                }
                u.turns[i].push_back(turn);
            }
        }
        // Speakers in name order: renumber the labels met in text order.
        std::vector<std::int32_t> order(labels.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<std::int32_t>(i);
        std::sort(order.begin(), order.end(),
                  [&](std::int32_t a, std::int32_t b) { return labels[a] < labels[b]; });
        std::vector<std::int32_t> renum(labels.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            renum[order[i]] = static_cast<std::int32_t>(i);
            u.speakers.push_back(labels[order[i]]);
            u.speaker_at[labels[order[i]]] = static_cast<std::int32_t>(i);
        }
        for (auto &ts : u.turns)
            for (auto &t : ts)
                if (t.speaker >= 0)
                    t.speaker = renum[t.speaker];
    }
    if (u.need_dates) {
        auto src = attr_values(db, "source");
        auto cas = attr_values(db, "case");
        for (std::size_t i = 0; i < u.sources.size(); ++i) {
            if (!u.source_ok[i])
                continue;
            for (const auto &e : store::segments(db, u.sources[i].id, "entry"))
                if (model::period_of(e.timestamp, "day"))
                    u.entries[i].push_back({e.start, e.end, e.timestamp.substr(0, 10)});
            std::string date;
            if (auto s = src.find(u.sources[i].name); s != src.end() && s->second.count("date"))
                date = s->second["date"];
            else if (auto c = cas.find(u.sources[i].case_name);
                     c != cas.end() && c->second.count("date"))
                date = c->second["date"];
            if (model::period_of(date, "day"))
                u.source_date[i] = date.substr(0, 10);
        }
    }
    return u;
}

Dim resolve(store::Db &db, Universe &u, const std::string &spec, int level) {
    Dim d;
    d.spec = spec;
    d.basis = basis_of(spec);
    const auto n_src = u.sources.size();
    if (spec == "case") {
        d.entity = "case";
        std::map<std::string, std::int32_t> at;
        std::set<std::string> used;
        for (std::size_t i = 0; i < n_src; ++i)
            if (u.source_ok[i] && !u.sources[i].case_name.empty())
                used.insert(u.sources[i].case_name);
        d.members.reserve(used.size() + 1); // thousands of cases: no spare room
        for (const auto &c : store::list_cases(db))
            if (used.count(c.name)) {
                at[c.name] = static_cast<std::int32_t>(d.members.size());
                add_member(d, c.name, c.name, false, c.id);
            }
        auto none = static_cast<std::int32_t>(d.members.size());
        add_member(d, "(no case)", "(no case)", true);
        d.map.assign(n_src, {});
        for (std::size_t i = 0; i < n_src; ++i)
            d.map[i] = {u.sources[i].case_name.empty() ? none : at[u.sources[i].case_name]};
    } else if (spec == "source") {
        d.entity = "source";
        d.members.reserve(n_src + 1);
        d.map.assign(n_src, {});
        for (std::size_t i = 0; i < n_src; ++i)
            if (u.source_ok[i]) {
                d.map[i] = {static_cast<std::int32_t>(d.members.size())};
                add_member(d, u.sources[i].name, u.sources[i].name, false, u.sources[i].id);
            }
    } else if (spec == "kind") {
        std::vector<std::string> v(n_src);
        for (std::size_t i = 0; i < n_src; ++i)
            if (u.source_ok[i])
                v[i] = u.sources[i].kind;
        members_from_values(d, v);
    } else if (spec == "participant" || spec == "speaker") {
        bool part = spec == "participant";
        const auto &names = part ? u.participants : u.speakers;
        std::vector<char> present(names.size(), 0);
        for (const auto &ts : u.turns)
            for (const auto &t : ts) {
                auto i = part ? t.participant : t.speaker;
                if (i >= 0 && (t.participant < 0 || u.participant_ok[t.participant]))
                    present[i] = 1;
            }
        d.map.assign(names.size(), {});
        if (part)
            d.entity = "participant";
        auto ids = part ? store::list_participants(db) : std::vector<ParticipantInfo>{};
        for (std::size_t i = 0; i < names.size(); ++i)
            if (present[i]) {
                d.map[i] = {static_cast<std::int32_t>(d.members.size())};
                add_member(d, names[i], names[i], false, part ? ids[i].id : -1);
            }
    } else if (spec.rfind("attr:", 0) == 0) {
        auto [entity, key] = attr_entity(db, spec);
        if (entity == "participant") {
            d.basis = Basis::participant;
            auto vals = attr_values(db, "participant");
            std::vector<std::string> v(u.participants.size());
            for (std::size_t i = 0; i < v.size(); ++i)
                if (auto p = vals.find(u.participants[i]); p != vals.end() && p->second.count(key))
                    v[i] = p->second[key];
            members_from_values(d, v);
        } else {
            auto src = attr_values(db, "source");
            auto cas = attr_values(db, "case");
            std::vector<std::string> v(n_src);
            for (std::size_t i = 0; i < n_src; ++i) {
                if (!u.source_ok[i])
                    continue;
                const auto &s = u.sources[i];
                if (entity != "case")
                    if (auto f = src.find(s.name); f != src.end() && f->second.count(key))
                        v[i] = f->second[key];
                if (v[i].empty() && entity != "source")
                    if (auto f = cas.find(s.case_name); f != cas.end() && f->second.count(key))
                        v[i] = f->second[key];
            }
            members_from_values(d, v);
        }
    } else if (d.basis == Basis::code) {
        code_dim(db, u, d, spec, level);
    } else if (spec == "coder") {
        d.map.assign(u.coders.size(), {});
        for (std::size_t i = 0; i < u.coders.size(); ++i)
            if (u.coder_filter.empty() || u.coder_filter.count(u.coders[i])) {
                d.map[i] = {static_cast<std::int32_t>(d.members.size())};
                add_member(d, u.coders[i], u.coders[i]);
            }
    } else if (d.basis == Basis::period) {
        d.grain = spec.substr(7);
        std::set<std::string> seen;
        for (std::size_t i = 0; i < n_src; ++i) {
            if (!u.source_ok[i])
                continue;
            for (const auto &e : u.entries[i])
                seen.insert(*model::period_of(e.date, d.grain));
            if (!u.source_date[i].empty())
                seen.insert(*model::period_of(u.source_date[i], d.grain));
        }
        std::vector<std::string> all(seen.begin(), seen.end());
        if (!seen.empty())
            if (auto r = model::period_range(*seen.begin(), *seen.rbegin(), d.grain, 1000))
                all =
                    *r; // empty periods between show: in a time-ordered display they mean no change
        for (const auto &p : all) {
            d.period_at[p] = static_cast<std::int32_t>(d.members.size());
            add_member(d, p, p);
        }
        add_member(d, "(undated)", "(undated)", true);
        d.map.resize(d.members.size());
        for (std::size_t m = 0; m < d.members.size(); ++m)
            d.map[m] = {static_cast<std::int32_t>(m)};
    } else { // all
        add_member(d, "all", "all");
        d.map = {{0}};
    }
    return d;
}

const std::vector<std::int32_t> &members_of(const Dim &d, const Unit &u) {
    static const std::vector<std::int32_t> none;
    std::int32_t i = -1;
    switch (d.basis) {
    case Basis::source:
        i = u.source;
        break;
    case Basis::code:
        i = u.code;
        break;
    case Basis::coder:
        i = u.coder;
        break;
    case Basis::participant:
        i = u.participant;
        break;
    case Basis::speaker:
        i = u.speaker;
        break;
    case Basis::period:
        i = u.period;
        break;
    case Basis::all:
        i = 0;
        break;
    }
    if (i < 0 || static_cast<std::size_t>(i) >= d.map.size())
        return none;
    return d.map[i];
}

} // namespace qda::app::engine
