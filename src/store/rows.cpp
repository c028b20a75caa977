#include "rows.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "escalate/errors.hpp"

namespace escalate::store_detail {

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
    if (v) {
        st.bind(index, *v);
    } else {
        st.bind(index);
    }
}

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
    if (v) {
        st.bind(index, *v);
    } else {
        st.bind(index);
    }
}

std::optional<std::string> opt_text(const SQLite::Column& c) {
    if (c.isNull()) {
        return std::nullopt;
    }
    return c.getString();
}

std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
    if (c.isNull()) {
        return std::nullopt;
    }
    return c.getInt64();
}

std::string json_array(const std::vector<std::string>& items) {
    return nlohmann::ordered_json(items).dump(-1, ' ', false,
                                              nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<std::string> from_json_array(const std::string& text, std::string_view table,
                                         std::int64_t id, std::string_view column) {
    // A damaged list is an error, never an empty list: the log is evidence.
    const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!j.is_array()) {
        throw StorageError(
            fmt::format("{} {}: {} is not a JSON list (damaged log?)", table, id, column));
    }
    std::vector<std::string> out;
    for (const auto& item : j) {
        if (!item.is_string()) {
            throw StorageError(fmt::format("{} {}: {} is not a JSON list of text (damaged log?)",
                                           table, id, column));
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

namespace {
template <class T> T must(std::optional<T> v, const char* what) {
    if (!v) {
        throw StorageError(std::string("the case log holds an invalid ") + what);
    }
    return *v;
}
} // namespace

Case read_case(const SQLite::Statement& st) {
    Case c;
    c.id = st.getColumn(0).getInt64();
    c.org = st.getColumn(1).getString();
    c.title = st.getColumn(2).getString();
    c.want = opt_text(st.getColumn(3));
    c.status = must(case_status_from(st.getColumn(4).getString()), "case status");
    c.opened_at = st.getColumn(5).getInt64();
    c.closed_at = opt_int(st.getColumn(6));
    c.resolution = opt_text(st.getColumn(7));
    c.tags = from_json_array(st.getColumn(8).getString(), "case", c.id, "tags");
    c.incident_at = opt_int(st.getColumn(9));
    if (auto paid = opt_text(st.getColumn(10))) {
        c.paid_by = paid_by_from(*paid);
    }
    c.country = opt_text(st.getColumn(11));
    c.sector = opt_text(st.getColumn(12));
    c.amount = opt_text(st.getColumn(13));
    c.currency = opt_text(st.getColumn(14));
    c.order_ref = opt_text(st.getColumn(15));
    return c;
}

Contact read_contact(const SQLite::Statement& st) {
    Contact c;
    c.id = st.getColumn(0).getInt64();
    c.case_id = st.getColumn(1).getInt64();
    c.channel = st.getColumn(2).getString();
    c.direction = must(direction_from(st.getColumn(3).getString()), "contact direction");
    c.at = st.getColumn(4).getInt64();
    c.duration_s = opt_int(st.getColumn(5));
    c.hold_s = opt_int(st.getColumn(6));
    c.agent = opt_text(st.getColumn(7));
    c.ref = opt_text(st.getColumn(8));
    if (auto o = opt_text(st.getColumn(9))) {
        c.outcome = must(outcome_from(*o), "contact outcome");
    }
    c.note = opt_text(st.getColumn(10));
    c.is_private = st.getColumn(11).getInt() != 0;
    c.promise_id = opt_int(st.getColumn(12));
    return c;
}

Promise read_promise(const SQLite::Statement& st) {
    Promise p;
    p.id = st.getColumn(0).getInt64();
    p.case_id = st.getColumn(1).getInt64();
    p.contact_id = st.getColumn(2).getInt64();
    p.text = st.getColumn(3).getString();
    p.due = st.getColumn(4).getInt64();
    p.status = must(promise_status_from(st.getColumn(5).getString()), "promise status");
    return p;
}

} // namespace escalate::store_detail
