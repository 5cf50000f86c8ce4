// The difference between the project's codebook and a codebook file, as a plan the app applies.
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "qda/codebook_io.hpp"
#include "qda/error.hpp"

namespace qda::interop {
namespace {

const CodebookEntry &at(const Codebook &cb, int i) {
    return cb.codes[static_cast<std::size_t>(i)];
}

std::string parent_path(const Codebook &cb, int i) {
    int p = at(cb, i).parent;
    return p < 0 ? std::string("(root)") : code_path(cb, p);
}

} // namespace

ImportPlan plan_import(const Codebook &current, const std::vector<CodeUse> &use,
                       const Codebook &incoming, bool retire_missing, const std::string &file) {
    ImportPlan plan;
    const int n_in = static_cast<int>(incoming.codes.size()),
              n_cur = static_cast<int>(current.codes.size());
    plan.match.assign(static_cast<std::size_t>(n_in), -1);
    std::map<std::string, int> by_uid, by_name;
    for (int i = 0; i < n_cur; ++i) {
        by_uid[at(current, i).uid] = i;
        by_name[at(current, i).name] = i;
    }
    std::vector<bool> claimed(static_cast<std::size_t>(n_cur), false);
    // Stable ids first, so that a rename in the file is a rename and not a drop plus an add.
    for (int i = 0; i < n_in; ++i)
        if (auto it = by_uid.find(at(incoming, i).uid);
            !at(incoming, i).uid.empty() && it != by_uid.end()) {
            plan.match[static_cast<std::size_t>(i)] = it->second;
            claimed[static_cast<std::size_t>(it->second)] = true;
        }
    for (int i = 0; i < n_in; ++i)
        if (auto it = by_name.find(at(incoming, i).name);
            plan.match[static_cast<std::size_t>(i)] < 0 && it != by_name.end() &&
            !claimed[static_cast<std::size_t>(it->second)]) {
            plan.match[static_cast<std::size_t>(i)] = it->second;
            claimed[static_cast<std::size_t>(it->second)] = true;
        }

    // A key that is the same for one code on both sides (current index, or a new code's position).
    auto key_in = [&](int i) {
        return i < 0 ? -1
               : plan.match[static_cast<std::size_t>(i)] >= 0
                   ? plan.match[static_cast<std::size_t>(i)]
                   : n_cur + i;
    };
    std::map<std::string, int> in_name;
    for (int i = 0; i < n_in; ++i)
        in_name[at(incoming, i).name] = i;
    auto member_keys_in = [&](const CodebookEntry &e) {
        std::vector<int> v;
        for (const auto &m : e.members)
            v.push_back(key_in(in_name.at(m)));
        return v;
    };
    auto member_keys_cur = [&](const CodebookEntry &e) {
        std::vector<int> v;
        for (const auto &m : e.members)
            v.push_back(by_name.count(m) ? by_name.at(m) : -2);
        return v;
    };

    for (int i = 0; i < n_in; ++i) {
        const auto &e = at(incoming, i);
        int m = plan.match[static_cast<std::size_t>(i)];
        if (m < 0) {
            plan.actions.push_back(
                {"add", code_path(incoming, i), e.cycle == 2 ? "pattern code" : ""});
            continue;
        }
        const auto &c = at(current, m);
        if (c.name != e.name)
            plan.actions.push_back({"rename", e.name, fmt::format("was {}", c.name)});
        if (key_in(e.parent) != c.parent)
            plan.actions.push_back(
                {"move", e.name,
                 fmt::format("{} -> {}", parent_path(current, m), parent_path(incoming, i))});
        std::vector<std::string> fields;
        for (auto [name, a, b] : {std::tuple{"description", &c.description, &e.description},
                                  {"inclusion", &c.inclusion, &e.inclusion},
                                  {"exclusion", &c.exclusion, &e.exclusion},
                                  {"example", &c.example, &e.example},
                                  {"colour", &c.colour, &e.colour}})
            if (*a != *b)
                fields.push_back(name);
        if (c.cycle != e.cycle)
            fields.push_back("cycle");
        if (!fields.empty())
            plan.actions.push_back({"update", e.name, fmt::format("{}", fmt::join(fields, ", "))});
        if (member_keys_cur(c) != member_keys_in(e))
            plan.actions.push_back(
                {"members", e.name, fmt::format("{}", fmt::join(e.members, ", "))});
        if (c.status != e.status)
            plan.actions.push_back(
                {e.status == "retired" ? "retire" : "reactivate", e.name, "status in the file"});
    }

    // Codes the file drops: kept (retired) when anything points at them, deleted otherwise.
    std::vector<bool> dropped(static_cast<std::size_t>(n_cur), false);
    std::vector<std::string> conflicts;
    for (int i = 0; i < n_cur; ++i) {
        if (claimed[static_cast<std::size_t>(i)])
            continue;
        dropped[static_cast<std::size_t>(i)] = true;
        if (use[static_cast<std::size_t>(i)].coded && at(current, i).status == "active" &&
            !retire_missing)
            conflicts.push_back(code_path(current, i));
    }
    if (!conflicts.empty()) {
        Error err(
            Exit::data, file,
            fmt::format("the file drops {} code(s) that have codings", conflicts.size()),
            "put them back in the file, merge them first, or pass --retire-missing to retire them");
        err.context = conflicts;
        throw err;
    }
    std::function<bool(int)> keep = [&](int i) {
        if (use[static_cast<std::size_t>(i)].coded || use[static_cast<std::size_t>(i)].referenced)
            return true;
        for (int j = 0; j < n_cur; ++j)
            if (at(current, j).parent == i && dropped[static_cast<std::size_t>(j)] && keep(j))
                return true;
        return false;
    };
    auto depth = [&](int i) {
        int d = 0;
        for (int p = at(current, i).parent; p >= 0 && d < 1000; p = at(current, p).parent)
            ++d;
        return d;
    };
    std::vector<int> removed;
    for (int i = 0; i < n_cur; ++i) {
        if (!dropped[static_cast<std::size_t>(i)])
            continue;
        const auto &c = at(current, i);
        if (keep(i)) {
            if (in_name.count(c.name))
                throw Error(Exit::data,
                            fmt::format("{}:{}", file, at(incoming, in_name[c.name]).line),
                            fmt::format("\"{}\" is the name of a code the file drops but that must "
                                        "be kept (it is in use)",
                                        c.name),
                            "give the new code another name, or keep the old one's id");
            if (c.status == "active") {
                plan.retire.push_back(i);
                plan.actions.push_back({"retire", code_path(current, i),
                                        use[static_cast<std::size_t>(i)].coded
                                            ? "not in the file; has codings"
                                            : "not in the file; still referenced"});
            }
        } else {
            removed.push_back(i);
        }
    }
    std::stable_sort(removed.begin(), removed.end(),
                     [&](int a, int b) { return depth(a) > depth(b); });
    for (int i : removed) {
        plan.remove.push_back(i);
        plan.actions.push_back({"delete", code_path(current, i), "not in the file; never used"});
    }
    return plan;
}

} // namespace qda::interop
