#include "store/autocode.hpp"

namespace qda::store {

bool coding_exists(Db &db, std::int64_t source, std::int64_t code, std::int64_t start,
                   std::int64_t end, std::string_view coder) {
    Stmt s(db, "SELECT 1 FROM coding WHERE source_id = ? AND code_id = ? AND start = ? AND end = ? "
               "AND coder = ?");
    s.bind(1, source).bind(2, code).bind(3, start).bind(4, end).bind(5, coder);
    return s.step();
}

std::int64_t run_codings(Db &db, std::int64_t run_id) {
    Stmt s(db, "SELECT count(*) FROM coding WHERE run_id = ?");
    s.bind(1, run_id);
    return s.step() ? s.i64(0) : 0;
}

} // namespace qda::store
