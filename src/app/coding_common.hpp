#pragma once
// What `code` and `codings import` share: which codes can be applied, and creating one on request.
#include <string>
#include <vector>

#include "store/codes.hpp"

namespace qda::app {

/// Throws Error(Exit::data) unless `c` can take new codings: active, and a first-cycle code
/// (a pattern code gathers the codings of its members and takes none of its own).
void check_applicable(const store::CodeRow &c, const std::string &where);

/// A new active first-cycle code at the root of the codebook, created by `actor`.
store::CodeRow new_code(const std::string &name, const std::string &actor,
                        const std::string &where);

} // namespace qda::app
