// Full-text search through the FTS5 index that schema version 2 keeps in step.
#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "rows.hpp"
#include "statements.hpp"

namespace escalate {

namespace {

// Each word a quoted FTS5 string, so that nothing the user types is query syntax.
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
            query += (query.empty() ? "\"" : " \"") + word + "\"";
        }
    }
    return query;
}

} // namespace

std::vector<SearchHit> Store::search(std::string_view text, int limit) {
    const std::string query = fts_query(text);
    if (query.empty()) {
        throw UsageError("search for what? give a word: escalate search refund");
    }
    auto st = prepared(R"sql(
        SELECT s.rowid, s.case_id, o.name, snippet(search_index, 0, '[', ']', '...', 12)
        FROM search_index s JOIN cases c ON c.id = s.case_id JOIN orgs o ON o.id = c.org_id
        WHERE search_index MATCH ? ORDER BY rank LIMIT ?)sql");
    st->bind(1, query);
    st->bind(2, limit);
    std::vector<SearchHit> hits;
    while (st->executeStep()) {
        SearchHit hit;
        const std::int64_t rowid = st->getColumn(0).getInt64();
        hit.case_id = st->getColumn(1).getInt64();
        if (rowid > 0) {
            hit.contact_id = rowid;
        }
        hit.org = st->getColumn(2).getString();
        hit.snippet = st->getColumn(3).getString();
        while (!hit.snippet.empty() && hit.snippet.back() == ' ') {
            hit.snippet.pop_back(); // the blank agent and reference of a contact
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

} // namespace escalate
