#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace qda {

/// Exit codes follow sysexits(3) so scripts can branch on the kind of failure.
enum class Exit : int {
    ok = 0,
    no = 1,
    usage = 2,
    data = 65,
    no_input = 66,
    internal = 70,
    cant_create = 73,
    io = 74,
    temp_fail = 75,
    config = 78,
    interrupted = 130,
};

/// The one error type of libqda; only the CLI catches it, and prints `qda: error: WHERE: WHAT`.
class Error : public std::runtime_error {
  public:
    Error(Exit code, std::string where, std::string what, std::string hint = {})
        : std::runtime_error(what), code_(code), where_(std::move(where)), hint_(std::move(hint)) {}

    Exit code() const noexcept { return code_; }
    /// file:line:column, a source or code name, or empty.
    const std::string &where() const noexcept { return where_; }
    const std::string &hint() const noexcept { return hint_; }
    /// Extra lines shown under the message (for example the offending input line).
    std::vector<std::string> context;

  private:
    Exit code_;
    std::string where_;
    std::string hint_;
};

} // namespace qda
