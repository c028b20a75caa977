// Helpers shared by the store's files: typed binding of optionals and JSON-array columns, and
// reading a row into a domain value. Private to src/store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "escalate/model.hpp"

namespace escalate::store_detail {

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::string>& v);
void bind_opt(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v);

[[nodiscard]] std::optional<std::string> opt_text(const SQLite::Column& c);
[[nodiscard]] std::optional<std::int64_t> opt_int(const SQLite::Column& c);

[[nodiscard]] std::string json_array(const std::vector<std::string>& items);
// A list column; anything but a JSON list of text is a StorageError naming the row
// ("case 12: tags is not a JSON list (damaged log?)").
[[nodiscard]] std::vector<std::string> from_json_array(const std::string& text,
                                                       std::string_view table, std::int64_t id,
                                                       std::string_view column);

// The select list read_case expects, from "cases c JOIN orgs o ON o.id = c.org_id".
inline constexpr const char* case_columns =
    "c.id, o.name, c.title, c.want, c.status, c.opened_at, c.closed_at, c.resolution, c.tags, "
    "c.incident_at, c.paid_by, c.country, c.sector, c.amount, c.currency, c.order_ref";
[[nodiscard]] Case read_case(const SQLite::Statement& st);

// The select list read_contact expects, from "contacts ct LEFT JOIN promises p ON
// p.contact_id = ct.id".
inline constexpr const char* contact_columns =
    "ct.id, ct.case_id, ct.channel, ct.direction, ct.at, ct.duration_s, ct.hold_s, ct.agent, "
    "ct.ref, ct.outcome, ct.note, ct.private, p.id";
[[nodiscard]] Contact read_contact(const SQLite::Statement& st);

inline constexpr const char* promise_columns =
    "p.id, p.case_id, p.contact_id, p.text, p.due, p.status";
[[nodiscard]] Promise read_promise(const SQLite::Statement& st);

} // namespace escalate::store_detail
