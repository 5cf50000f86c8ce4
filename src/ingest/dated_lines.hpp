#pragma once
// Dated lines of observation notes: "2024-03-12 10:00", "## 12 Maret 2024",
// "Selasa, 12 Maret 2024, 09.30 WIB", "12/03/2024", "March 12, 2024".
#include <optional>
#include <string>
#include <string_view>

namespace qda::ingest {

/// The ISO date ("2024-03-12", or "2024-03-12T09:30" with a time) a line starts with, after
/// Markdown heading marks and an optional weekday; nullopt when it does not start with a date.
/// ICU's date parsing wants one exact pattern per call; field notes mix many, in two languages,
/// so this is a small scanner over the forms researchers write.
std::optional<std::string> leading_date(std::string_view line);

} // namespace qda::ingest
