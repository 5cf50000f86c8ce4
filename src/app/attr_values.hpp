#pragma once
#include <string>

#include "store/db.hpp"
#include "store/trail.hpp"

namespace qda::app {

/// Set one attribute, inferring or checking its type against the key's declared type.
/// `where` names the input in errors (a file, "--attr").
void set_typed_attribute(store::Db &db, const std::string &entity, std::int64_t id,
                         const std::string &key, const std::string &value,
                         const std::string &forced_type, store::ChangeSet &changes,
                         const std::string &where);

} // namespace qda::app
