// Full-text search through the FTS5 indexes that schema versions 2 and 6 keep in step.
#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "fold.hpp"
#include "rows.hpp"
#include "statements.hpp"

namespace escalate {

namespace {

// Each word a quoted FTS5 string with a prefix star, "word"*: nothing the user types is query
// syntax (AND, NEAR(, a lone *), and each word matches the start of a word, so `refun` finds
// "refund" and `NW-552` the phrase "nw" "552...". A word of punctuation alone is a phrase of
// no terms, which FTS5 leaves out of the AND: it matches nothing by itself and is no error.
std::string fts_query(std::string_view text) {
    std::string query;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) {
            ++i;
        }
        std::string word;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') {
            word += text[i] == '"' ? std::string("\"\"") : std::string(1, text[i]);
            ++i;
        }
        if (!word.empty()) {
            query += (query.empty() ? "\"" : " \"") + word + "\"*";
        }
    }
    return query;
}

} // namespace

std::vector<SearchHit> Store::search(std::string_view text, const SearchFilter& filter, int limit) {
    const std::string query = fts_query(text);
    if (query.empty()) {
        throw UsageError("search for what? give a word: escalate search refund");
    }
    // Both indexes in one query, ranked together, the filters applied inside each so that the
    // LIMIT counts only what is shown. (bm25 ranks of two tables are close enough to interleave.)
    std::string where;
    if (filter.case_id) {
        where += " AND x.case_id = :case";
    }
    if (filter.org) {
        where += " AND x.case_id IN (SELECT c.id FROM cases c WHERE c.org_id IN (SELECT id FROM "
                 "orgs WHERE instr(escalate_fold(name), :org) = 1))";
    }
    const std::string sql = fmt::format(R"sql(
        SELECT h.kind, h.id, h.case_id, o.name, h.snippet FROM (
            SELECT 0 AS kind, x.rowid AS id, x.case_id AS case_id, x.rank AS rank,
                   snippet(search_index, 0, '[', ']', '...', 12) AS snippet
            FROM search_index x WHERE search_index MATCH :query{0}
            UNION ALL
            SELECT 1, x.rowid, x.case_id, x.rank, snippet(promise_index, 0, '[', ']', '...', 12)
            FROM promise_index x WHERE promise_index MATCH :query{0}
        ) h JOIN cases c ON c.id = h.case_id JOIN orgs o ON o.id = c.org_id
        ORDER BY h.rank, h.kind, h.id LIMIT :limit)sql",
                                        where);
    auto st = prepared(sql);
    st->bind(":query", query);
    st->bind(":limit", limit);
    if (filter.case_id) {
        st->bind(":case", *filter.case_id);
    }
    if (filter.org) {
        st->bind(":org", store_detail::fold_name(*filter.org));
    }
    std::vector<SearchHit> hits;
    while (st->executeStep()) {
        SearchHit hit;
        const bool promise = st->getColumn(0).getInt() == 1;
        const std::int64_t id = st->getColumn(1).getInt64();
        hit.case_id = st->getColumn(2).getInt64();
        if (promise) {
            hit.promise_id = id;
        } else if (id > 0) {
            hit.contact_id = id;
        }
        hit.org = st->getColumn(3).getString();
        hit.snippet = st->getColumn(4).getString();
        while (!hit.snippet.empty() && hit.snippet.back() == ' ') {
            hit.snippet.pop_back(); // the blank agent and reference of a contact
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

} // namespace escalate
