// Coefficients of agreement over a reliability data matrix. Formulas as in
// ../shared/docs/methods.md section 4 and qda-agreement(1).
#include "qda/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <unordered_map>

namespace qda::model {
namespace {

/// Coincidences o_ck and marginals n_c, weighted by `w` per row (the data's weights by default).
struct Coincidences {
    std::size_t v = 0;
    bool dense = true;
    std::vector<double> o;                            ///< v*v when dense
    std::unordered_map<std::uint64_t, double> sparse; ///< c*v+k otherwise
    std::vector<double> n;                            ///< n_c
    double total = 0;                                 ///< n..
    std::int64_t units = 0;                           ///< pairable units

    void add(std::size_t c, std::size_t k, double x) {
        if (dense)
            o[c * v + k] += x;
        else
            sparse[static_cast<std::uint64_t>(c) * v + k] += x;
    }
    template <class F> void each(F f) const {
        if (dense) {
            for (std::size_t c = 0; c < v; ++c)
                for (std::size_t k = 0; k < v; ++k)
                    if (o[c * v + k] != 0)
                        f(c, k, o[c * v + k]);
        } else {
            for (const auto &[ck, x] : sparse)
                f(static_cast<std::size_t>(ck / v), static_cast<std::size_t>(ck % v), x);
        }
    }
};

Coincidences coincidences(const ReliabilityData &d, const std::vector<std::int64_t> *w) {
    Coincidences co;
    co.v = d.values.size();
    co.dense = co.v <= 2048;
    if (co.dense)
        co.o.assign(co.v * co.v, 0.0);
    co.n.assign(co.v, 0.0);
    std::vector<std::int32_t> vals;
    std::vector<std::pair<std::int32_t, int>> counts;
    for (std::size_t r = 0, rows = d.rows(); r < rows; ++r) {
        double weight = static_cast<double>(w ? (*w)[r] : d.weight(r));
        if (weight == 0)
            continue;
        vals.clear();
        for (std::size_t i = 0; i < d.coders; ++i)
            if (auto x = d.at(r, i); x != ReliabilityData::missing)
                vals.push_back(x);
        if (vals.size() < 2)
            continue;
        std::sort(vals.begin(), vals.end());
        counts.clear();
        for (auto x : vals)
            if (!counts.empty() && counts.back().first == x)
                ++counts.back().second;
            else
                counts.push_back({x, 1});
        double m1 = static_cast<double>(vals.size() - 1);
        for (const auto &[c, nc] : counts) {
            co.n[static_cast<std::size_t>(c)] += weight * nc;
            for (const auto &[k, nk] : counts) {
                double pairs = c == k ? nc * (nc - 1.0) : double(nc) * nk;
                if (pairs > 0)
                    co.add(static_cast<std::size_t>(c), static_cast<std::size_t>(k),
                           weight * pairs / m1);
            }
        }
        co.total += weight * static_cast<double>(vals.size());
        co.units += static_cast<std::int64_t>(weight);
    }
    return co;
}

/// The difference function delta^2(c, k) of a level, given the marginals (ordinal needs them).
struct Delta {
    Level level;
    const std::vector<double> &values;
    std::vector<double> rank_cum; ///< ordinal: sum of n_g over values ranked before c, by value

    Delta(Level l, const std::vector<double> &vals, const std::vector<double> &n)
        : level(l), values(vals) {
        if (l != Level::ordinal)
            return;
        std::vector<std::size_t> order(vals.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return vals[a] < vals[b]; });
        rank_cum.assign(vals.size(), 0);
        double cum = 0;
        for (auto i : order) {
            rank_cum[i] = cum;
            cum += n[i];
        }
        n_ = &n;
    }
    double operator()(std::size_t c, std::size_t k) const {
        if (c == k)
            return 0;
        switch (level) {
        case Level::nominal:
            return 1;
        case Level::ordinal: {
            // sum of n_g from c to k inclusive, minus (n_c + n_k) / 2, squared
            auto lo = std::min(rank_cum[c], rank_cum[k]);
            auto hi_i = rank_cum[c] > rank_cum[k] ? c : k;
            double s = rank_cum[hi_i] + (*n_)[hi_i] - lo;
            double x = s - ((*n_)[c] + (*n_)[k]) / 2;
            return x * x;
        }
        case Level::interval: {
            double x = values[c] - values[k];
            return x * x;
        }
        case Level::ratio: {
            double sum = values[c] + values[k];
            if (sum == 0)
                return 0;
            double x = (values[c] - values[k]) / sum;
            return x * x;
        }
        }
        return 1;
    }

  private:
    const std::vector<double> *n_ = nullptr;
};

Coefficient alpha_of(const ReliabilityData &d, Level level, const std::vector<std::int64_t> *w) {
    auto co = coincidences(d, w);
    Coefficient out;
    out.units = co.units;
    if (co.units == 0) {
        out.undefined = "no unit has values from two coders";
        return out;
    }
    Delta delta(level, d.values, co.n);
    double observed = 0;
    co.each([&](std::size_t c, std::size_t k, double x) { observed += x * delta(c, k); });
    double expected = 0;
    std::vector<std::size_t> used;
    for (std::size_t c = 0; c < co.v; ++c)
        if (co.n[c] > 0)
            used.push_back(c);
    if (level == Level::nominal) {
        double sq = 0;
        for (auto c : used)
            sq += co.n[c] * co.n[c];
        expected = co.total * co.total - sq;
    } else if (level == Level::interval) {
        double s1 = 0, s2 = 0;
        for (auto c : used) {
            s1 += co.n[c] * d.values[c];
            s2 += co.n[c] * d.values[c] * d.values[c];
        }
        expected = 2 * (co.total * s2 - s1 * s1);
    } else {
        for (auto c : used)
            for (auto k : used)
                expected += co.n[c] * co.n[k] * delta(c, k);
    }
    if (!(expected > 1e-12 * std::max(1.0, co.total * co.total))) {
        out.undefined = "no variation: every value is the same, so expected disagreement is 0";
        return out;
    }
    out.value = 1.0 - (co.total - 1.0) * observed / expected;
    return out;
}

} // namespace

std::optional<Level> parse_level(const std::string &name) {
    if (name == "nominal")
        return Level::nominal;
    if (name == "ordinal")
        return Level::ordinal;
    if (name == "interval")
        return Level::interval;
    if (name == "ratio")
        return Level::ratio;
    return std::nullopt;
}

std::string level_name(Level l) {
    switch (l) {
    case Level::nominal:
        return "nominal";
    case Level::ordinal:
        return "ordinal";
    case Level::interval:
        return "interval";
    case Level::ratio:
        return "ratio";
    }
    return "nominal";
}

void ReliabilityData::add(const std::vector<std::int32_t> &row, std::int64_t weight) {
    cells.insert(cells.end(), row.begin(), row.end());
    if (!weights.empty() || weight != 1) {
        if (weights.empty())
            weights.assign(rows() - 1, 1);
        weights.push_back(weight);
    }
}

Coefficient percent_agreement(const ReliabilityData &d) {
    Coefficient out;
    double sum = 0;
    int pairs = 0;
    for (std::size_t r = 0, rows = d.rows(); r < rows; ++r) {
        int present = 0;
        for (std::size_t i = 0; i < d.coders; ++i)
            present += d.at(r, i) != ReliabilityData::missing;
        if (present >= 2)
            out.units += d.weight(r);
    }
    for (std::size_t a = 0; a < d.coders; ++a)
        for (std::size_t b = a + 1; b < d.coders; ++b) {
            double both = 0, agree = 0;
            for (std::size_t r = 0, rows = d.rows(); r < rows; ++r) {
                auto x = d.at(r, a), y = d.at(r, b);
                if (x == ReliabilityData::missing || y == ReliabilityData::missing)
                    continue;
                both += static_cast<double>(d.weight(r));
                if (x == y)
                    agree += static_cast<double>(d.weight(r));
            }
            if (both > 0) {
                sum += agree / both;
                ++pairs;
            }
        }
    if (pairs == 0) {
        out.undefined = "no unit was coded by two coders";
        return out;
    }
    out.value = sum / pairs;
    return out;
}

Coefficient cohen_kappa(const ReliabilityData &d, std::size_t a, std::size_t b) {
    Coefficient out;
    if (d.coders < 2 || a >= d.coders || b >= d.coders || a == b) {
        out.undefined = "needs two coders";
        return out;
    }
    std::map<std::int32_t, double> ra, rb;
    double n = 0, agree = 0;
    for (std::size_t r = 0, rows = d.rows(); r < rows; ++r) {
        auto x = d.at(r, a), y = d.at(r, b);
        if (x == ReliabilityData::missing || y == ReliabilityData::missing)
            continue;
        double w = static_cast<double>(d.weight(r));
        n += w;
        ra[x] += w;
        rb[y] += w;
        if (x == y)
            agree += w;
    }
    out.units = static_cast<std::int64_t>(n);
    if (n == 0) {
        out.undefined = "no unit was coded by both coders";
        return out;
    }
    double pe = 0;
    for (const auto &[c, f] : ra)
        if (auto it = rb.find(c); it != rb.end())
            pe += (f / n) * (it->second / n);
    if (pe >= 1 - 1e-12) {
        out.undefined = "no variation: both coders gave one and the same value to every unit";
        return out;
    }
    out.value = (agree / n - pe) / (1 - pe);
    return out;
}

Coefficient fleiss_kappa(const ReliabilityData &d) {
    Coefficient out;
    if (d.coders < 2) {
        out.undefined = "needs two coders";
        return out;
    }
    const double m = static_cast<double>(d.coders);
    std::map<std::int32_t, double> share;
    double n = 0, p_sum = 0;
    std::vector<std::int32_t> vals;
    for (std::size_t r = 0, rows = d.rows(); r < rows; ++r) {
        vals.assign(d.cells.begin() + static_cast<std::ptrdiff_t>(r * d.coders),
                    d.cells.begin() + static_cast<std::ptrdiff_t>((r + 1) * d.coders));
        if (std::find(vals.begin(), vals.end(), ReliabilityData::missing) != vals.end())
            continue;
        double w = static_cast<double>(d.weight(r));
        std::sort(vals.begin(), vals.end());
        double sq = 0;
        for (std::size_t i = 0; i < vals.size();) {
            std::size_t j = i;
            while (j < vals.size() && vals[j] == vals[i])
                ++j;
            double nij = static_cast<double>(j - i);
            sq += nij * nij;
            share[vals[i]] += w * nij;
            i = j;
        }
        p_sum += w * (sq - m) / (m * (m - 1));
        n += w;
    }
    out.units = static_cast<std::int64_t>(n);
    if (n == 0) {
        out.undefined = "no unit was coded by every coder";
        return out;
    }
    double pe = 0;
    for (const auto &[c, s] : share)
        pe += (s / (n * m)) * (s / (n * m));
    if (pe >= 1 - 1e-12) {
        out.undefined = "no variation: every coder gave one and the same value to every unit";
        return out;
    }
    out.value = (p_sum / n - pe) / (1 - pe);
    return out;
}

Coefficient krippendorff_alpha(const ReliabilityData &d, Level level) {
    return alpha_of(d, level, nullptr);
}

std::optional<ConfidenceInterval> bootstrap_alpha(const ReliabilityData &d, Level level,
                                                  std::size_t samples, std::uint64_t seed,
                                                  double confidence) {
    // Only pairable rows can change alpha; resample among the units they stand for.
    std::vector<std::size_t> rows;
    std::int64_t total = 0;
    for (std::size_t r = 0, n = d.rows(); r < n; ++r) {
        int present = 0;
        for (std::size_t i = 0; i < d.coders; ++i)
            present += d.at(r, i) != ReliabilityData::missing;
        if (present >= 2 && d.weight(r) > 0) {
            rows.push_back(r);
            total += d.weight(r);
        }
    }
    if (rows.empty() || samples == 0)
        return std::nullopt;
    std::mt19937_64 rng(seed);
    std::vector<std::int64_t> w(d.rows(), 0);
    std::vector<double> alphas;
    alphas.reserve(samples);
    for (std::size_t s = 0; s < samples; ++s) {
        std::fill(w.begin(), w.end(), 0);
        if (d.weights.empty()) {
            std::uniform_int_distribution<std::size_t> pick(0, rows.size() - 1);
            for (std::int64_t i = 0; i < total; ++i)
                ++w[rows[pick(rng)]];
        } else {
            // A multinomial draw of `total` units over the rows, one binomial per row.
            std::int64_t left = total, left_weight = total;
            for (auto r : rows) {
                if (left == 0)
                    break;
                double p = static_cast<double>(d.weight(r)) / static_cast<double>(left_weight);
                std::int64_t k =
                    p >= 1 ? left : std::binomial_distribution<std::int64_t>(left, p)(rng);
                w[r] = k;
                left -= k;
                left_weight -= d.weight(r);
            }
        }
        if (auto a = alpha_of(d, level, &w); a.value)
            alphas.push_back(*a.value);
    }
    if (alphas.empty())
        return std::nullopt;
    std::sort(alphas.begin(), alphas.end());
    auto q = [&](double p) {
        double pos = p * static_cast<double>(alphas.size() - 1);
        auto lo = static_cast<std::size_t>(std::floor(pos));
        auto hi = std::min(lo + 1, alphas.size() - 1);
        return alphas[lo] + (alphas[hi] - alphas[lo]) * (pos - static_cast<double>(lo));
    };
    double tail = (1 - confidence) / 2;
    return ConfidenceInterval{q(tail), q(1 - tail), alphas.size()};
}

} // namespace qda::model
