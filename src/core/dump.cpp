#include "escalate/dump.hpp"

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate {

namespace {

using Json = nlohmann::ordered_json;

std::string line_of(const Json& j) {
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// As parse_dump_line counts them: a text twice.
std::size_t count_values(const Json& j) {
    std::size_t n = j.is_string() ? 2 : 1;
    if (j.is_structured()) {
        for (const auto& item : j) {
            n += count_values(item);
        }
    }
    return n;
}

// Typed reading of one JSON object, naming the key that is wrong.
class Fields {
public:
    // Texts are moved out of obj as they are read (each key is read once): a line's text is
    // held once, not twice, while it becomes a case.
    Fields(Json& obj, std::string what) : obj_(obj), what_(std::move(what)) {
        if (!obj_.is_object()) {
            fail("", "an object");
        }
    }
    [[noreturn]] void fail(std::string_view key, std::string_view expected) const {
        throw UsageError(
            fmt::format("{}{}{} must be {}", what_, key.empty() ? "" : ".", key, expected));
    }
    std::optional<std::string> text(std::string_view key, bool required, Lines lines,
                                    std::size_t max = max_note_bytes) const {
        const auto it = obj_.find(std::string(key));
        if (it == obj_.end() || it->is_null()) {
            if (required) {
                fail(key, "given");
            }
            return std::nullopt;
        }
        if (!it->is_string()) {
            fail(key, "text");
        }
        std::string value = std::move(it->get_ref<std::string&>());
        check_text(fmt::format("{}.{}", what_, key), value, lines, max);
        return value;
    }
    std::optional<std::int64_t> integer(std::string_view key, bool required,
                                        std::int64_t min = 0) const {
        const auto it = obj_.find(std::string(key));
        if (it == obj_.end() || it->is_null()) {
            if (required) {
                fail(key, "given");
            }
            return std::nullopt;
        }
        if (!it->is_number_integer() || it->get<std::int64_t>() < min) {
            fail(key, fmt::format("a whole number of at least {}", min));
        }
        return it->get<std::int64_t>();
    }
    std::optional<Timestamp> time(std::string_view key, bool required) const {
        const auto value = text(key, required, Lines::SingleAsStored);
        if (!value) {
            return std::nullopt;
        }
        const auto t = parse_rfc3339(*value);
        if (!t) {
            fail(key, "an RFC 3339 time such as 2026-11-20T14:30:00Z");
        }
        return t;
    }
    bool boolean(std::string_view key) const {
        const auto it = obj_.find(std::string(key));
        if (it == obj_.end() || it->is_null()) {
            return false;
        }
        if (!it->is_boolean()) {
            fail(key, "true or false");
        }
        return it->get<bool>();
    }
    std::vector<std::string> list(std::string_view key) const {
        const auto it = obj_.find(std::string(key));
        std::vector<std::string> out;
        if (it == obj_.end() || it->is_null()) {
            return out;
        }
        if (!it->is_array()) {
            fail(key, "a list of text");
        }
        for (auto& item : *it) {
            if (!item.is_string()) {
                fail(key, "a list of text");
            }
            check_text(fmt::format("{}.{}", what_, key), item.get_ref<const std::string&>(),
                       Lines::SingleAsStored);
            out.push_back(std::move(item.get_ref<std::string&>()));
        }
        return out;
    }
    template <class E>
    std::optional<E> choice(std::string_view key, bool required,
                            std::optional<E> (*from)(std::string_view),
                            std::string_view accepted) const {
        const auto value = text(key, required, Lines::SingleAsStored);
        if (!value) {
            return std::nullopt;
        }
        const auto e = from(*value);
        if (!e) {
            fail(key, accepted);
        }
        return e;
    }
    Json& at(std::string_view key) const {
        static Json null;
        const auto it = obj_.find(std::string(key));
        return it == obj_.end() ? null : *it;
    }

private:
    Json& obj_;
    std::string what_;
};

Org read_org(Json& j) {
    const Fields f(j, "org");
    Org o;
    o.name = *f.text("name", true, Lines::SingleAsStored, 200);
    o.phone = f.text("phone", false, Lines::SingleAsStored, max_field_bytes);
    o.email = f.text("email", false, Lines::SingleAsStored, max_field_bytes);
    o.chat = f.text("chat", false, Lines::SingleAsStored, max_field_bytes);
    o.exec = f.text("exec", false, Lines::SingleAsStored, max_field_bytes);
    o.regulator = f.text("regulator", false, Lines::SingleAsStored, max_field_bytes);
    o.social = f.list("social");
    o.unavailable = f.list("unavailable");
    o.requires_channel = f.text("requires", false, Lines::SingleAsStored, 100);
    return o;
}

Contact read_contact(Json& j) {
    const Fields f(j, "contact");
    Contact c;
    c.id = *f.integer("id", true, 1);
    c.case_id = f.integer("case_id", false, 1).value_or(0);
    c.channel = *f.text("channel", true, Lines::SingleAsStored, 100);
    c.direction = *f.choice<Direction>("direction", true, direction_from, "out or in");
    c.at = *f.time("at", true);
    c.duration_s = f.integer("duration_s", false);
    c.hold_s = f.integer("hold_s", false);
    c.agent = f.text("agent", false, Lines::SingleAsStored, max_field_bytes);
    c.ref = f.text("ref", false, Lines::SingleAsStored, max_field_bytes);
    c.outcome = f.choice<Outcome>("outcome", false, outcome_from, "an outcome");
    c.note = f.text("note", false, Lines::Multi);
    c.is_private = f.boolean("private");
    return c;
}

Promise read_promise(Json& j) {
    const Fields f(j, "promise");
    Promise p;
    p.id = *f.integer("id", true, 1);
    p.contact_id = *f.integer("contact_id", true, 1);
    p.text = *f.text("text", true, Lines::SingleAsStored, max_field_bytes);
    p.due = *f.time("due", true);
    p.status =
        *f.choice<PromiseStatus>("status", true, promise_status_from, "pending, kept or broken");
    return p;
}

CaseFile read_case(Json& j) {
    const Fields f(j, "case");
    CaseFile file;
    Case& k = file.kase;
    k.id = *f.integer("id", true, 1);
    k.org = *f.text("org", true, Lines::SingleAsStored, 200);
    k.title = f.text("title", false, Lines::SingleAsStored, max_field_bytes).value_or("");
    k.want = f.text("want", false, Lines::Multi, max_field_bytes);
    k.status =
        *f.choice<CaseStatus>("status", true, case_status_from, "open, resolved or abandoned");
    k.opened_at = *f.time("opened_at", true);
    k.closed_at = f.time("closed_at", false);
    k.resolution = f.text("resolution", false, Lines::Multi);
    k.tags = f.list("tags");
    k.incident_at = f.time("incident_at", false);
    k.paid_by = f.choice<PaidBy>("paid_by", false, paid_by_from, "card, debit, cash or other");
    k.country = f.choice<std::string>("country", false, country_code_from, "a two-letter code");
    k.sector = f.text("sector", false, Lines::SingleAsStored, 100);
    k.amount = f.choice<std::string>("amount", false, amount_from, "a decimal amount: \"412.00\"");
    k.currency =
        f.choice<std::string>("currency", false, currency_code_from, "a three-letter code");
    k.order_ref = f.text("order_ref", false, Lines::SingleAsStored, max_field_bytes);
    for (const auto* key : {"contacts", "promises"}) {
        if (!f.at(key).is_null() && !f.at(key).is_array()) {
            f.fail(key, "a list");
        }
    }
    for (auto& c : f.at("contacts")) {
        file.contacts.push_back(read_contact(c));
        file.contacts.back().case_id = k.id;
    }
    for (auto& p : f.at("promises")) {
        Promise promise = read_promise(p);
        promise.case_id = k.id;
        const bool known =
            std::any_of(file.contacts.begin(), file.contacts.end(),
                        [&](const Contact& c) { return c.id == promise.contact_id; });
        if (!known) {
            throw UsageError(fmt::format("promise {} names contact {}, which is not in case {}",
                                         promise.id, promise.contact_id, k.id));
        }
        file.promises.push_back(promise);
    }
    return file;
}

} // namespace

std::string dump_header_line(Timestamp now) {
    return line_of(Json{{"format", dump_format_name},
                        {"version", dump_version},
                        {"exported_at", format_rfc3339(now)}});
}

std::string dump_org_line(const Org& org) {
    return line_of(Json{{"org", to_json(org)}});
}

std::string dump_case_line(const CaseFile& file, const Policy& policy, Timestamp now,
                           std::size_t* values) {
    Json c = to_json(file, policy, now);
    c.erase("stats");
    Json out = Json::object();
    for (const auto& [key, value] : c.items()) {
        if (key == "contacts" || key == "promises") {
            continue;
        }
        out[key] = value;
    }
    out["incident_at"] =
        file.kase.incident_at ? Json(format_rfc3339(*file.kase.incident_at)) : Json(nullptr);
    out["paid_by"] = file.kase.paid_by ? Json(to_string(*file.kase.paid_by)) : Json(nullptr);
    out["contacts"] = c["contacts"];
    out["promises"] = c["promises"];
    const Json line{{"case", out}};
    if (values != nullptr) {
        *values = count_values(line);
    }
    return line_of(line);
}

std::string dump_end_line(const DumpCounts& counts) {
    return line_of(Json{{"end",
                         {{"orgs", counts.orgs},
                          {"cases", counts.cases},
                          {"contacts", counts.contacts},
                          {"promises", counts.promises}}}});
}

DumpLine parse_dump_line(std::string_view line) {
    if (line.size() > max_dump_line_bytes) {
        throw UsageError(fmt::format("the line is longer than {} MiB, the most a dump line holds",
                                     max_dump_line_bytes >> 20));
    }
    // Bounds what the line takes once read, before it is built: a line of a million empty
    // texts would take forty times its size.
    std::size_t values = 0;
    const Json::parser_callback_t bound = [&values](int depth, Json::parse_event_t event,
                                                    Json& parsed) {
        if (static_cast<std::size_t>(depth) > max_dump_depth) {
            throw UsageError(fmt::format("nested more than {} deep", max_dump_depth));
        }
        if (event == Json::parse_event_t::value || event == Json::parse_event_t::object_start ||
            event == Json::parse_event_t::array_start) {
            values += event == Json::parse_event_t::value && parsed.is_string() ? 2 : 1;
            if (values > max_dump_line_values) {
                throw UsageError(fmt::format("more than {} values on one line, the most a dump "
                                             "line holds",
                                             max_dump_line_values));
            }
        }
        return true;
    };
    Json j;
    try {
        j = Json::parse(line, bound);
    } catch (const Json::parse_error& e) {
        throw UsageError(fmt::format("not valid JSON (at byte {})", e.byte));
    } catch (const Json::exception& e) { // a number too large, say
        throw UsageError(fmt::format("not readable JSON ({})", e.what()));
    }
    if (!j.is_object() || j.size() == 0) {
        throw UsageError("expected a JSON object");
    }
    DumpLine out;
    if (j.contains("format")) {
        if (j["format"] != dump_format_name) {
            throw UsageError("not an escalate dump (its format is not escalate-dump)");
        }
        if (!j.contains("version") || !j["version"].is_number_integer()) {
            throw UsageError("the header has no version");
        }
        out.kind = DumpLine::Kind::Header;
        out.version = j["version"].get<int>();
        return out;
    }
    if (j.contains("org")) {
        out.kind = DumpLine::Kind::Org;
        out.org = read_org(j["org"]);
        return out;
    }
    if (j.contains("case")) {
        out.kind = DumpLine::Kind::Case;
        out.file = read_case(j["case"]);
        return out;
    }
    if (j.contains("end")) {
        const Fields f(j["end"], "end");
        out.kind = DumpLine::Kind::End;
        out.counts = DumpCounts{*f.integer("orgs", true), *f.integer("cases", true),
                                *f.integer("contacts", true), *f.integer("promises", true)};
        return out;
    }
    throw UsageError("expected a header, an org, a case or the end line");
}

} // namespace escalate
