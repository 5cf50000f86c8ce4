#include "qda/names.hpp"
#include "qda/triangulation_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "qda/error.hpp"

namespace qda::model {
namespace {

[[noreturn]] void bad_bands(std::string_view spec, const std::string &what) {
    throw Error(Exit::usage, "--bands", fmt::format("\"{}\": {}", spec, what),
                "write --bands high=0.5,medium=0.2 (shares of a group's sources, medium <= high)");
}

std::string_view trim(std::string_view s) {
    return model::trim_blanks(s);
}

} // namespace

std::string Bands::text() const {
    return fmt::format("high={},medium={}", high, medium);
}

Bands parse_bands(std::string_view spec) {
    Bands b;
    bool seen_high = false, seen_medium = false;
    std::string_view rest = spec;
    if (trim(rest).empty())
        bad_bands(spec, "no thresholds");
    while (true) {
        auto comma = rest.find(',');
        auto part = trim(rest.substr(0, comma));
        auto eq = part.find('=');
        if (eq == std::string_view::npos)
            bad_bands(spec, fmt::format("\"{}\" is not NAME=VALUE", part));
        auto key = trim(part.substr(0, eq));
        auto value = trim(part.substr(eq + 1));
        double v = 0;
        auto r = std::from_chars(value.data(), value.data() + value.size(), v);
        if (value.empty() || r.ec != std::errc() || r.ptr != value.data() + value.size() ||
            !std::isfinite(v))
            bad_bands(spec, fmt::format("\"{}\" is not a number", value));
        if (v < 0 || v > 1)
            bad_bands(spec, fmt::format("{}={} is not a share between 0 and 1", key, value));
        if (key == "high") {
            if (seen_high)
                bad_bands(spec, "high is given twice");
            seen_high = true;
            b.high = v;
        } else if (key == "medium") {
            if (seen_medium)
                bad_bands(spec, "medium is given twice");
            seen_medium = true;
            b.medium = v;
        } else {
            bad_bands(spec,
                      fmt::format("unknown band \"{}\" (the bands are high and medium)", key));
        }
        if (comma == std::string_view::npos)
            break;
        rest = rest.substr(comma + 1);
    }
    if (!seen_high || !seen_medium)
        bad_bands(spec, fmt::format("{} is missing", seen_high ? "medium" : "high"));
    if (b.medium > b.high)
        bad_bands(spec, fmt::format("medium ({}) is above high ({})", b.medium, b.high));
    return b;
}

double share(std::int64_t sources, std::int64_t group_sources) {
    return group_sources > 0 ? static_cast<double>(sources) / static_cast<double>(group_sources)
                             : 0.0;
}

std::string band(std::int64_t sources, std::int64_t group_sources, const Bands &b) {
    if (sources <= 0 || group_sources <= 0)
        return "absent";
    // Compared as sources >= threshold * group_sources, with a little slack for the binary
    // fraction (0.2 * 5 is 1.0000000000000002): a share equal to a threshold is in its band.
    auto at_least = [&](double t) {
        return static_cast<double>(sources) + 1e-9 >= t * static_cast<double>(group_sources);
    };
    if (at_least(b.high))
        return "high";
    if (at_least(b.medium))
        return "medium";
    return "low";
}

std::string silence(bool a_present, bool b_present) {
    if (a_present && b_present)
        return "";
    if (!a_present && !b_present)
        return "both";
    return a_present ? "b" : "a";
}

std::string verdict(bool meaning_agrees, bool examples_agree) {
    if (meaning_agrees && examples_agree)
        return "agreement";
    if (meaning_agrees || examples_agree)
        return "partial";
    return "dissonance";
}

bool judgement(std::string_view value, std::string_view option) {
    if (value == "agree")
        return true;
    if (value == "disagree")
        return false;
    throw Error(Exit::usage, std::string(option), fmt::format("\"{}\" is not a judgement", value),
                "use agree or disagree");
}

std::string row_status(const std::vector<bool> &present, const std::vector<PairState> &pairs) {
    auto n = std::count(present.begin(), present.end(), true);
    if (n == 0)
        return "absent";
    auto has = [&](const char *v) {
        return std::any_of(pairs.begin(), pairs.end(),
                           [&](const PairState &p) { return p.verdict == v; });
    };
    if (has("dissonance"))
        return "dissonant";
    if (static_cast<std::size_t>(n) < present.size())
        return "silent-in-some";
    if (has("partial"))
        return "partial";
    bool all_agree = !pairs.empty() && std::all_of(pairs.begin(), pairs.end(), [](const auto &p) {
        return !p.silence.empty() || p.verdict == "agreement";
    });
    return all_agree ? "convergent" : "unjudged";
}

} // namespace qda::model
