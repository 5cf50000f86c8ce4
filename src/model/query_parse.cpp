// Recursive descent over a token list; every error names the column where something else
// was expected.
#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "qda/error.hpp"
#include "qda/query.hpp"

namespace qda::model {
namespace {

enum class Tok { name, open, close, and_, or_, not_, overlaps, within, near, end };

struct Token {
    Tok kind = Tok::end;
    std::string text; ///< the name, or the keyword as written
    std::size_t column = 1;
    std::int64_t distance = 0;
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string upper(std::string_view s) {
    std::string o(s);
    for (auto &c : o)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return o;
}

[[noreturn]] void fail(std::size_t column, const std::string &what) {
    throw Error(Exit::usage, fmt::format("query:1:{}", column), what);
}

class Lexer {
  public:
    explicit Lexer(std::string_view s) : s_(s) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        while (true) {
            while (i_ < s_.size() && is_space(s_[i_]))
                step();
            Token t;
            t.column = col_;
            if (i_ >= s_.size()) {
                out.push_back(t);
                return out;
            }
            char c = s_[i_];
            if (c == '(' || c == ')') {
                t.kind = c == '(' ? Tok::open : Tok::close;
                t.text = std::string(1, c);
                step();
            } else if (c == '"') {
                step();
                while (i_ < s_.size() && s_[i_] != '"')
                    t.text += step();
                if (i_ >= s_.size())
                    fail(t.column, "unterminated quoted code name (add the closing \")");
                step();
                if (t.text.empty())
                    fail(t.column, "empty quoted code name");
                t.kind = Tok::name;
            } else {
                while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '(' && s_[i_] != ')' &&
                       s_[i_] != '"')
                    t.text += step();
                keyword(t);
            }
            out.push_back(std::move(t));
        }
    }

  private:
    /// Consume one byte; the column counts code points (continuation bytes do not advance it).
    char step() {
        char c = s_[i_++];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++col_;
        return c;
    }

    static void keyword(Token &t) {
        auto u = upper(t.text);
        if (u == "AND")
            t.kind = Tok::and_;
        else if (u == "OR")
            t.kind = Tok::or_;
        else if (u == "NOT")
            t.kind = Tok::not_;
        else if (u == "OVERLAPS")
            t.kind = Tok::overlaps;
        else if (u == "WITHIN")
            t.kind = Tok::within;
        else if (u == "NEAR" || u.starts_with("NEAR/")) {
            auto digits = std::string_view(u).substr(std::min<std::size_t>(u.size(), 5));
            std::int64_t n = -1;
            auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
            if (u == "NEAR" || digits.empty() || ec != std::errc() ||
                p != digits.data() + digits.size() || n < 0)
                fail(t.column,
                     fmt::format("\"{}\": NEAR needs a distance in segments, as NEAR/2", t.text));
            t.kind = Tok::near;
            t.distance = n;
        } else
            t.kind = Tok::name;
    }

    std::string_view s_;
    std::size_t i_ = 0, col_ = 1;
};

class Parser {
  public:
    explicit Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

    QueryNode query() {
        auto q = or_expr("");
        if (peek().kind != Tok::end) {
            if (peek().kind == Tok::close)
                fail(peek().column, "unexpected ')' (no '(' to close)");
            fail(peek().column,
                 fmt::format("expected AND, OR, NOT, OVERLAPS, WITHIN or NEAR/N before \"{}\"",
                             peek().text));
        }
        return q;
    }

  private:
    const Token &peek() const { return t_[k_]; }
    const Token &next() { return t_[k_++]; }

    static QueryNode binary(QueryNode::Kind kind, const Token &op, QueryNode l, QueryNode r) {
        QueryNode n;
        n.kind = kind;
        n.column = op.column;
        n.distance = op.distance;
        n.left = std::make_unique<QueryNode>(std::move(l));
        n.right = std::make_unique<QueryNode>(std::move(r));
        return n;
    }

    QueryNode or_expr(const std::string &after) {
        auto l = and_expr(after);
        while (peek().kind == Tok::or_) {
            const auto &op = next();
            l = binary(QueryNode::Kind::or_, op, std::move(l), and_expr(upper(op.text)));
        }
        return l;
    }

    QueryNode and_expr(const std::string &after) {
        auto l = near_expr(after);
        while (peek().kind == Tok::and_) {
            const auto &op = next();
            l = binary(QueryNode::Kind::and_, op, std::move(l), near_expr(upper(op.text)));
        }
        return l;
    }

    QueryNode near_expr(const std::string &after) {
        auto l = unary(after);
        while (peek().kind == Tok::overlaps || peek().kind == Tok::within ||
               peek().kind == Tok::near) {
            const auto &op = next();
            auto kind = op.kind == Tok::overlaps ? QueryNode::Kind::overlaps
                        : op.kind == Tok::within ? QueryNode::Kind::within
                                                 : QueryNode::Kind::near;
            l = binary(kind, op, std::move(l), unary(upper(op.text)));
        }
        return l;
    }

    QueryNode unary(const std::string &after) {
        if (peek().kind == Tok::not_) {
            const auto &op = next();
            QueryNode n;
            n.kind = QueryNode::Kind::not_;
            n.column = op.column;
            n.left = std::make_unique<QueryNode>(unary("NOT"));
            return n;
        }
        return primary(after);
    }

    QueryNode primary(const std::string &after) {
        const auto &t = peek();
        if (t.kind == Tok::name) {
            next();
            QueryNode n;
            n.name = t.text;
            n.column = t.column;
            return n;
        }
        if (t.kind == Tok::open) {
            next();
            auto inner = or_expr("(");
            if (peek().kind != Tok::close)
                fail(peek().column,
                     fmt::format("expected ')' to close the '(' at column {}", t.column));
            next();
            return inner;
        }
        std::string where = after.empty() ? "" : " after " + after;
        std::string found = t.kind == Tok::end ? "" : fmt::format(", found \"{}\"", t.text);
        std::string hint = (t.kind != Tok::end && t.kind != Tok::close)
                               ? " (quote a code name that is a keyword: \"" + t.text + "\")"
                               : "";
        fail(t.column, fmt::format("expected a code name{}{}{}", where, found, hint));
    }

    std::vector<Token> t_;
    std::size_t k_ = 0;
};

std::string quoted(const std::string &name) {
    bool bare = !name.empty() && name.find_first_of(" \t\r\n()\"") == std::string::npos;
    if (bare) {
        auto u = upper(name);
        for (const char *kw : {"AND", "OR", "NOT", "OVERLAPS", "WITHIN", "NEAR"})
            if (u == kw)
                bare = false;
        if (u.starts_with("NEAR/"))
            bare = false;
    }
    return bare ? name : "\"" + name + "\"";
}

} // namespace

QueryNode parse_query(std::string_view text) {
    return Parser(Lexer(text).run()).query();
}

std::string to_string(const QueryNode &q) {
    using K = QueryNode::Kind;
    switch (q.kind) {
    case K::code:
        return quoted(q.name);
    case K::not_:
        return "NOT " + to_string(*q.left);
    default:
        break;
    }
    std::string op = q.kind == K::and_       ? "AND"
                     : q.kind == K::or_      ? "OR"
                     : q.kind == K::overlaps ? "OVERLAPS"
                     : q.kind == K::within   ? "WITHIN"
                                             : fmt::format("NEAR/{}", q.distance);
    return fmt::format("({} {} {})", to_string(*q.left), op, to_string(*q.right));
}

void resolve_codes(QueryNode &q, const CodeResolver &resolve) {
    if (q.kind == QueryNode::Kind::code) {
        q.codes = resolve(q.name, q.column);
        std::sort(q.codes.begin(), q.codes.end());
        q.codes.erase(std::unique(q.codes.begin(), q.codes.end()), q.codes.end());
        return;
    }
    if (q.left)
        resolve_codes(*q.left, resolve);
    if (q.right)
        resolve_codes(*q.right, resolve);
}

std::vector<std::int64_t> query_codes(const QueryNode &q) {
    std::vector<std::int64_t> out = q.codes;
    for (const auto *c : {q.left.get(), q.right.get()})
        if (c) {
            auto sub = query_codes(*c);
            out.insert(out.end(), sub.begin(), sub.end());
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace qda::model
