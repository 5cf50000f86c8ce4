#include "app/retrieve_filter.hpp"

#include <algorithm>

#include "app/session.hpp"
#include "store/repo.hpp"

namespace qda::app {
namespace {

using Values = std::map<std::string, std::map<std::string, std::string>>; // entity -> key -> value

Values values_of(store::Db &db, std::string_view entity) {
    Values v;
    for (auto &a : store::list_attributes(db, entity, -1))
        v[a.entity_name][a.key] = a.value;
    return v;
}

const std::string *lookup(const Values &v, const std::string &entity, const std::string &key) {
    auto e = v.find(entity);
    if (e == v.end())
        return nullptr;
    auto k = e->second.find(key);
    return k == e->second.end() ? nullptr : &k->second;
}

bool any_of(const std::vector<std::string> &wanted, const std::string &value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

} // namespace

std::map<std::string, std::set<std::string>>
group_pairs(const std::vector<std::pair<std::string, std::string>> &kv) {
    std::map<std::string, std::set<std::string>> g;
    for (const auto &[k, v] : kv)
        g[k].insert(v);
    return g;
}

std::vector<SourceInfo> retrieve_sources(store::Db &db, const RetrieveRequest &req) {
    for (const auto &c : req.cases)
        require_case(db, c); // a misspelt case is an error, not "no results"
    auto wanted = group_pairs(req.attrs);
    Values sources, cases;
    if (!wanted.empty()) {
        sources = values_of(db, "source");
        cases = values_of(db, "case");
    }
    std::vector<SourceInfo> out;
    for (auto &s : store::list_sources(db)) {
        if (!any_of(req.kinds, s.kind) || !any_of(req.cases, s.case_name))
            continue;
        bool ok = true;
        for (const auto &[key, values] : wanted) {
            const std::string *v = lookup(sources, s.name, key);
            if (!v && !s.case_name.empty())
                v = lookup(cases, s.case_name, key);
            if (!v || !values.count(*v))
                ok = false;
        }
        if (ok)
            out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const SourceInfo &a, const SourceInfo &b) { return a.name < b.name; });
    return out;
}

SpeakerFilter::SpeakerFilter(store::Db &db, const RetrieveRequest &req)
    : no_interviewer_(req.no_interviewer), wanted_(group_pairs(req.participant_attrs)) {
    active_ = req.no_interviewer || !req.speakers.empty() || !wanted_.empty();
    for (const auto &name : req.speakers) {
        auto id = require_participant(db, name);
        for (const auto &p : store::list_participants(db))
            if (p.id == id)
                participants_.insert(p.name);
    }
    if (!wanted_.empty())
        attrs_ = values_of(db, "participant");
}

bool SpeakerFilter::pass(const SegmentInfo *turn) const {
    if (!active_)
        return true;
    // Text outside any attributed turn (documents, field notes) was said by no interviewer but
    // by no named speaker either.
    if (!turn || turn->participant.empty())
        return participants_.empty() && wanted_.empty();
    if (no_interviewer_ && turn->interviewer)
        return false;
    if (!participants_.empty() && !participants_.count(turn->participant))
        return false;
    for (const auto &[key, values] : wanted_) {
        const std::string *v = lookup(attrs_, turn->participant, key);
        if (!v || !values.count(*v))
            return false;
    }
    return true;
}

/// The turn a position falls in, or nullptr.
const SegmentInfo *turn_at(const std::vector<SegmentInfo> &turns, std::int64_t pos) {
    auto it = std::upper_bound(turns.begin(), turns.end(), pos,
                               [](std::int64_t p, const SegmentInfo &t) { return p < t.start; });
    if (it == turns.begin())
        return nullptr;
    --it;
    return pos < std::max(it->end, it->start + 1) ? &*it : nullptr;
}

} // namespace qda::app
