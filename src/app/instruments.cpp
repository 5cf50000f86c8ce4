// `qda instrument`: interview guides and observation protocols (sources of kind instrument)
// linked to the sources collected with them, the sixth category of the audit report.
#include <fmt/format.h>

#include "app/session.hpp"
#include "qda/audit_report.hpp"
#include "qda/error.hpp"
#include "store/audit_report.hpp"
#include "store/repo.hpp"

namespace qda::app {

std::size_t link_instrument(const Context &ctx, const std::string &instrument,
                            const std::vector<std::string> &sources, bool unlink) {
    if (sources.empty())
        throw Error(Exit::usage, "instrument", "name at least one source to link");
    Session s(ctx);
    auto &db = s.db();
    store::Transaction tx(db);
    store::ChangeSet changes;
    auto inst = store::get_source(db, require_source(db, instrument));
    if (inst.kind != "instrument")
        throw Error(
            Exit::data, instrument,
            fmt::format("source \"{}\" is of kind {}, not instrument", instrument, inst.kind),
            "import guides and protocols with `qda import --kind instrument FILE`");
    auto now = store::append_time_now();
    std::size_t n = 0;
    for (const auto &name : sources) {
        auto id = require_source(db, name);
        if (id == inst.id)
            throw Error(Exit::data, name, "an instrument cannot be linked to itself");
        if (unlink) {
            n += store::delete_instrument_link(db, inst.id, id, changes);
            continue;
        }
        store::InstrumentLinkRow l{0, inst.id, id, instrument, name, now, s.actor()};
        n += store::insert_instrument_link(db, l, changes);
    }
    if (n == 0)
        throw Error(Exit::data, instrument,
                    unlink ? "none of these sources is linked to it: nothing changed"
                           : "every source is already linked to it: nothing changed");
    s.finish(tx, unlink ? "instrument.unlink" : "instrument.link",
             fmt::format("{} source(s) {} instrument {}", n, unlink ? "unlinked from" : "linked to",
                         instrument),
             changes);
    return n;
}

std::vector<InstrumentView> list_instruments(const Context &ctx) {
    Session s(ctx);
    auto links = store::instrument_links(s.db());
    std::vector<InstrumentView> v;
    for (const auto &x : store::list_sources(s.db())) {
        if (x.kind != "instrument")
            continue;
        InstrumentView i{x.name, x.sha256, x.imported_at, x.imported_by, x.supersedes, {}};
        for (const auto &l : links)
            if (l.instrument_id == x.id)
                i.sources.push_back(l.source);
        v.push_back(std::move(i));
    }
    return v;
}

} // namespace qda::app
