#pragma once
// An open project for the length of one command.
#include <memory>
#include <string>

#include "qda/app.hpp"
#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::app {

class Session {
  public:
    explicit Session(const Context &ctx);
    store::Db &db() { return *db_; }
    const Context &ctx() const { return ctx_; }
    const std::string &actor() const { return actor_; }

    /// Record the event for `changes` and commit; both land or neither does.
    audit::Event finish(store::Transaction &tx, const std::string &action,
                        const std::string &summary, const store::ChangeSet &changes);

  private:
    const Context &ctx_;
    std::unique_ptr<store::Db> db_;
    std::string actor_;
};

/// Error for a name that is not there, with a did-you-mean among `known`.
[[noreturn]] void not_found(const std::string &what, const std::string &name,
                            const std::vector<std::string> &known);

std::int64_t require_source(store::Db &db, const std::string &name);
std::int64_t require_case(store::Db &db, const std::string &name);
std::int64_t require_participant(store::Db &db, const std::string &name);

} // namespace qda::app
