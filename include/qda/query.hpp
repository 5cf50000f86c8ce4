#pragma once
// The retrieval query language of `qda retrieve` (man qda-retrieve(1)): parsing to a tree and
// evaluation over one source's segments and codings. Pure logic: no store, no ICU.
//
//   QUERY   := or
//   or      := and ("OR" and)*
//   and     := near ("AND" near)*
//   near    := unary (("OVERLAPS" | "WITHIN" | "NEAR/N") unary)*
//   unary   := "NOT" unary | primary
//   primary := NAME | "\"" quoted name "\"" | "(" QUERY ")"
//
// Keywords are case-insensitive; a bare NAME is any run of characters other than white space,
// parentheses and double quotes that is not a keyword. Binary operators are left-associative.
//
// Meaning (per source; a "hit" is a span of text with the codings that produced it):
//   NAME          every coding of the code (a pattern code: of any member)
//   A OR B        the hits of both
//   A AND B       the segments (units: turns, else paragraphs) that a hit of A and a hit of B
//                 both overlap; the hit is the whole segment
//   NOT A         the segments that no hit of A overlaps
//   A OVERLAPS B  the hits of A that share at least one character with a hit of B
//   A WITHIN B    the hits of A lying entirely inside one hit of B
//   A NEAR/N B    the hits of A at most N segments away from a hit of B (NEAR/0: same segment);
//                 a hit outside every segment counts as in the next one
// Hits of A OVERLAPS/WITHIN/NEAR B keep A's span and carry the B codings that qualified them.
// Identical spans are merged (their codings united); results are ordered by start, then end.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qda::model {

/// One node of a parsed query; a tree so that evaluation can recurse over sub-expressions.
struct QueryNode {
    enum class Kind { code, and_, or_, not_, overlaps, within, near };
    Kind kind = Kind::code;
    std::string name;                ///< code: the name as written
    std::int64_t distance = 0;       ///< near: N
    std::size_t column = 0;          ///< 1-based column (code points) of the name or operator
    std::vector<std::int64_t> codes; ///< code: the code ids it stands for (after resolve_codes)
    std::unique_ptr<QueryNode> left, right; ///< right is empty for not_
};

/// Parse a query; a malformed one throws Error(Exit::usage) at "query:1:COLUMN" naming what
/// was expected, so the researcher can fix the exact spot.
QueryNode parse_query(std::string_view text);

/// The tree written back with full parentheses ("((a AND b) OR c)"): shows how it was read.
std::string to_string(const QueryNode &q);

/// Turns a code name (with its column, for errors) into the code ids it stands for: a code
/// gives itself, a pattern code its members. It throws for an unknown name.
using CodeResolver =
    std::function<std::vector<std::int64_t>(const std::string &name, std::size_t column)>;

/// Fill QueryNode::codes of every name in the tree; names are resolved once each, in order.
void resolve_codes(QueryNode &q, const CodeResolver &resolve);

/// Every code id the query uses (sorted, unique): the codings to load from the store.
std::vector<std::int64_t> query_codes(const QueryNode &q);

/// A unit of a source (turn, paragraph...) in code points; sorted, not overlapping.
struct QuerySpan {
    std::int64_t start = 0, end = 0;
};

/// A coding as evaluation sees it.
struct QueryCoding {
    std::int64_t id = 0, code = 0, start = 0, end = 0;
};

/// What a query runs over: one source's segments and the codings of the codes it uses.
struct QuerySource {
    std::vector<QuerySpan> segments;
    std::vector<QueryCoding> codings;
};

/// A result span and the codings (indexes into QuerySource::codings) that produced it.
struct QueryHit {
    std::int64_t start = 0, end = 0;
    std::vector<std::size_t> codings;
};

/// Evaluate a resolved query over one source. Work is about linear in codings and segments
/// (sort, then sweep), so that projects with millions of codings stay fast.
std::vector<QueryHit> evaluate(const QueryNode &q, const QuerySource &src);

} // namespace qda::model
