// Orgs and cases: creating, finding, resolving a reference typed by the user, and loading a
// case with everything recorded on it.
#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "fold.hpp"
#include "rows.hpp"
#include "statements.hpp"

namespace escalate {

using namespace store_detail;

namespace {

Org read_org(const SQLite::Statement& st) {
    Org o;
    o.id = st.getColumn(0).getInt64();
    o.name = st.getColumn(1).getString();
    o.phone = opt_text(st.getColumn(2));
    o.email = opt_text(st.getColumn(3));
    o.chat = opt_text(st.getColumn(4));
    o.social = from_json_array(st.getColumn(5).getString(), "org", o.id, "social");
    o.exec = opt_text(st.getColumn(6));
    o.regulator = opt_text(st.getColumn(7));
    o.unavailable = from_json_array(st.getColumn(8).getString(), "org", o.id, "unavailable");
    o.requires_channel = opt_text(st.getColumn(9));
    return o;
}

// Binds a case's own fields, title to order_ref (case_fields of them), from position `first` on.
constexpr int case_fields = 14;
void bind_case(SQLite::Statement& st, const Case& c, int first) {
    const int at = first - 1;
    st.bind(at + 1, c.title);
    bind_opt(st, at + 2, c.want);
    st.bind(at + 3, std::string(to_string(c.status)));
    st.bind(at + 4, c.opened_at);
    bind_opt(st, at + 5, c.closed_at);
    bind_opt(st, at + 6, c.resolution);
    st.bind(at + 7, json_array(c.tags));
    bind_opt(st, at + 8, c.incident_at);
    bind_opt(st, at + 9,
             c.paid_by ? std::optional<std::string>(to_string(*c.paid_by)) : std::nullopt);
    bind_opt(st, at + 10, c.country);
    bind_opt(st, at + 11, c.sector);
    bind_opt(st, at + 12, c.amount);
    bind_opt(st, at + 13, c.currency);
    bind_opt(st, at + 14, c.order_ref);
}

std::string describe(const std::vector<Case>& cases) {
    std::string out;
    for (const auto& c : cases) {
        if (!out.empty()) {
            out += ", ";
        }
        out += c.title.empty() ? fmt::format("#{} {}", c.id, c.org)
                               : fmt::format("#{} {} ({})", c.id, c.org, c.title);
    }
    return out;
}

} // namespace

std::optional<Org> Store::find_org(std::string_view name) {
    auto st = prepared(R"sql(
        SELECT id, name, phone, email, chat, social, exec, regulator, unavailable, requires
        FROM orgs WHERE escalate_fold(name) = ? ORDER BY id LIMIT 1)sql");
    st->bind(1, fold_name(name));
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_org(*st);
}

std::vector<Org> Store::match_orgs(std::string_view ref) {
    if (auto exact = find_org(ref)) {
        return {*exact};
    }
    // instr() on folded names: no LIKE wildcard in a name can widen the match.
    auto st = prepared(R"sql(
        SELECT id, name, phone, email, chat, social, exec, regulator, unavailable, requires
        FROM orgs WHERE instr(escalate_fold(name), ?) = 1 ORDER BY name)sql");
    st->bind(1, fold_name(ref));
    std::vector<Org> out;
    while (st->executeStep()) {
        out.push_back(read_org(*st));
    }
    return out;
}

std::vector<Org> Store::orgs() {
    auto st = prepared(R"sql(
        SELECT id, name, phone, email, chat, social, exec, regulator, unavailable, requires
        FROM orgs ORDER BY name)sql");
    std::vector<Org> out;
    while (st->executeStep()) {
        out.push_back(read_org(*st));
    }
    return out;
}

Org Store::ensure_org(std::string_view name) {
    if (auto org = find_org(name)) {
        return *org;
    }
    auto st = prepared("INSERT INTO orgs(name) VALUES (?)");
    st->bind(1, std::string(name));
    st->exec();
    return *find_org(name);
}

void Store::update_org(const Org& org) {
    auto st = prepared(R"sql(
        UPDATE orgs SET name = ?, phone = ?, email = ?, chat = ?, social = ?, exec = ?,
                        regulator = ?, unavailable = ?, requires = ?
        WHERE id = ?)sql");
    st->bind(1, org.name);
    bind_opt(*st, 2, org.phone);
    bind_opt(*st, 3, org.email);
    bind_opt(*st, 4, org.chat);
    st->bind(5, json_array(org.social));
    bind_opt(*st, 6, org.exec);
    bind_opt(*st, 7, org.regulator);
    st->bind(8, json_array(org.unavailable));
    bind_opt(*st, 9, org.requires_channel);
    st->bind(10, org.id);
    st->exec();
}

std::int64_t Store::insert_case(const Case& c, std::optional<std::int64_t> org_id) {
    if (!org_id) {
        org_id = ensure_org(c.org).id;
    }
    auto st = prepared(R"sql(
        INSERT INTO cases(id, title, want, status, opened_at, closed_at, resolution, tags,
                          incident_at, paid_by, country, sector, amount, currency, order_ref,
                          org_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    bind_opt(*st, 1, c.id > 0 ? std::optional(c.id) : std::nullopt); // NULL: the next id
    bind_case(*st, c, 2);
    st->bind(case_fields + 2, *org_id);
    st->exec();
    return db_->getLastInsertRowid();
}

bool Store::empty() {
    return db_->execAndGet("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM orgs)")
               .getInt64() == 0;
}

bool Store::has_case(std::string_view org, std::string_view title, Timestamp opened_at) {
    auto st = prepared(R"sql(
        SELECT 1 FROM cases c JOIN orgs o ON o.id = c.org_id
        WHERE escalate_fold(o.name) = ? AND c.title = ? AND c.opened_at = ?)sql");
    st->bind(1, fold_name(org));
    st->bind(2, std::string(title));
    st->bind(3, opened_at);
    return st->executeStep();
}

void Store::update_case(const Case& c) {
    auto st = prepared(R"sql(
        UPDATE cases SET title = ?, want = ?, status = ?, opened_at = ?, closed_at = ?,
                         resolution = ?, tags = ?, incident_at = ?, paid_by = ?, country = ?,
                         sector = ?, amount = ?, currency = ?, order_ref = ?
        WHERE id = ?)sql");
    bind_case(*st, c, 1);
    st->bind(case_fields + 1, c.id);
    st->exec();
}

std::optional<Case> Store::find_case(std::int64_t id) {
    auto st = prepared(fmt::format("SELECT {} FROM cases c JOIN orgs o ON o.id = c.org_id "
                                   "WHERE c.id = ?",
                                   case_columns));
    st->bind(1, id);
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_case(*st);
}

std::vector<Case> Store::cases_matching_org(std::string_view prefix, bool open_only) {
    auto st = prepared(fmt::format("SELECT {} FROM cases c JOIN orgs o ON o.id = c.org_id "
                                   "WHERE c.org_id IN (SELECT id FROM orgs WHERE "
                                   "instr(escalate_fold(name), ?) = 1) {} ORDER BY c.id LIMIT 50",
                                   case_columns, open_only ? "AND c.status = 'open'" : ""));
    st->bind(1, fold_name(prefix));
    std::vector<Case> out;
    while (st->executeStep()) {
        out.push_back(read_case(*st));
    }
    return out;
}

Case Store::resolve_case(std::string_view ref) {
    std::string_view digits = ref;
    if (digits.starts_with('#')) {
        digits.remove_prefix(1);
    }
    const bool numeric = !digits.empty() && digits.size() <= 18 &&
                         digits.find_first_not_of("0123456789") == std::string_view::npos;
    if (numeric) {
        const std::int64_t id = std::stoll(std::string(digits));
        if (auto c = find_case(id)) {
            return *c;
        }
        throw NotFoundError(fmt::format("no case #{}", id));
    }
    if (ref.empty()) {
        throw UsageError("the case reference is empty; give a case id (12, #12) or an org name");
    }
    auto candidates = cases_matching_org(ref, true);
    if (candidates.empty()) {
        candidates = cases_matching_org(ref, false);
    }
    // An exact org name beats a longer name it is the prefix of ("UPS" over "UPS Store").
    std::vector<Case> exact;
    const std::string folded_ref = fold_name(ref);
    for (const auto& c : candidates) {
        if (fold_name(c.org) == folded_ref) {
            exact.push_back(c);
        }
    }
    if (!exact.empty()) {
        candidates = exact;
    }
    if (candidates.empty()) {
        throw NotFoundError(fmt::format("no case for an org matching \"{}\"", ref));
    }
    if (candidates.size() > 1) {
        throw AmbiguousError(fmt::format("\"{}\" matches {} cases: {}; give the case id", ref,
                                         candidates.size(), describe(candidates)));
    }
    return candidates.front();
}

Store::DefaultCase Store::default_case(bool take_last) {
    auto st = prepared(fmt::format(
        "SELECT {} FROM cases c JOIN orgs o ON o.id = c.org_id WHERE c.status = 'open' "
        "ORDER BY coalesce((SELECT max(ct.at) FROM contacts ct WHERE ct.case_id = c.id), "
        "c.opened_at) DESC, c.id DESC LIMIT 11",
        case_columns));
    std::vector<Case> open;
    while (st->executeStep()) {
        open.push_back(read_case(*st));
    }
    if (open.empty()) {
        throw NotFoundError("there is no open case; open one with: escalate open ORG");
    }
    if (open.size() > 1 && !take_last) {
        throw AmbiguousError(
            fmt::format("{} open cases, say which: {}{}",
                        open.size() > 10 ? "more than 10" : std::to_string(open.size()),
                        describe(open), open.size() > 10 ? ", ..." : ""));
    }
    return {open.front(), open.size()};
}

CaseFile Store::load_case_file(std::int64_t case_id) {
    auto kase = find_case(case_id);
    if (!kase) {
        throw NotFoundError(fmt::format("no case #{}", case_id));
    }
    CaseFile file{*kase, {}, {}};
    auto contacts = prepared(
        fmt::format("SELECT {} FROM contacts ct LEFT JOIN promises p ON p.contact_id = ct.id "
                    "WHERE ct.case_id = ? ORDER BY ct.at, ct.id",
                    contact_columns));
    contacts->bind(1, case_id);
    while (contacts->executeStep()) {
        file.contacts.push_back(read_contact(*contacts));
    }
    auto promises = prepared(fmt::format(
        "SELECT {} FROM promises p WHERE p.case_id = ? ORDER BY p.due, p.id", promise_columns));
    promises->bind(1, case_id);
    while (promises->executeStep()) {
        file.promises.push_back(read_promise(*promises));
    }
    return file;
}

std::vector<CaseFile> Store::load_case_files(const CaseFilter& filter) {
    // One query per table over the selected cases, merged by case id: the cost follows the
    // cases selected, not the whole log.
    std::string where = "1";
    if (filter.status) {
        where += " AND c.status = :status";
    }
    if (filter.org) {
        where += filter.org_exact
                     ? " AND c.org_id IN (SELECT id FROM orgs WHERE escalate_fold(name) = :org)"
                     : " AND c.org_id IN (SELECT id FROM orgs WHERE "
                       "instr(escalate_fold(name), :org) = 1)";
    }
    for (std::size_t i = 0; i < filter.tags.size(); ++i) {
        where += fmt::format(" AND EXISTS (SELECT 1 FROM json_each(c.tags) "
                             "WHERE escalate_fold(value) = :tag{})",
                             i);
    }
    if (filter.newest) {
        where += fmt::format(" AND c.id IN (SELECT c.id FROM cases c WHERE {} ORDER BY c.id DESC "
                             "LIMIT :newest)",
                             where);
    }
    auto bind_filter = [&](SQLite::Statement& st) {
        if (filter.status) {
            st.bind(":status", std::string(to_string(*filter.status)));
        }
        if (filter.org) {
            st.bind(":org", fold_name(*filter.org));
        }
        if (filter.newest) {
            st.bind(":newest", *filter.newest);
        }
        for (std::size_t i = 0; i < filter.tags.size(); ++i) {
            st.bind(fmt::format(":tag{}", i), fold_name(filter.tags[i]));
        }
    };
    std::vector<CaseFile> files;
    auto cases = prepared(fmt::format("SELECT {} FROM cases c JOIN orgs o ON o.id = "
                                      "c.org_id WHERE {} ORDER BY c.id",
                                      case_columns, where));
    bind_filter(*cases);
    while (cases->executeStep()) {
        files.push_back(CaseFile{read_case(*cases), {}, {}});
    }
    if (files.empty()) {
        return files;
    }
    // Rows come ordered by case id, as the files are: a cursor that only moves forward.
    auto cursor = [&files]() {
        return [&files, i = std::size_t{0}](std::int64_t case_id) mutable -> CaseFile& {
            while (files[i].kase.id != case_id) {
                ++i;
            }
            return files[i];
        };
    };
    auto file_of = cursor();
    auto contacts = prepared(
        fmt::format("SELECT {} FROM contacts ct LEFT JOIN promises p ON p.contact_id = ct.id "
                    "WHERE ct.case_id IN (SELECT c.id FROM cases c WHERE {}) "
                    "ORDER BY ct.case_id, ct.at, ct.id",
                    contact_columns, where));
    bind_filter(*contacts);
    while (contacts->executeStep()) {
        Contact c = read_contact(*contacts);
        file_of(c.case_id).contacts.push_back(std::move(c));
    }
    auto file_of_promise = cursor();
    auto promises = prepared(
        fmt::format("SELECT {} FROM promises p WHERE p.case_id IN (SELECT c.id FROM cases c "
                    "WHERE {}) ORDER BY p.case_id, p.due, p.id",
                    promise_columns, where));
    bind_filter(*promises);
    while (promises->executeStep()) {
        Promise p = read_promise(*promises);
        file_of_promise(p.case_id).promises.push_back(std::move(p));
    }
    return files;
}

void Store::for_each_case_file(const std::function<void(const CaseFile&)>& visit) {
    // Three cursors in case order, advanced together.
    auto cases = prepared(fmt::format("SELECT {} FROM cases c JOIN orgs o ON o.id = "
                                      "c.org_id ORDER BY c.id",
                                      case_columns));
    auto contacts = prepared(
        fmt::format("SELECT {} FROM contacts ct LEFT JOIN promises p ON p.contact_id = ct.id "
                    "ORDER BY ct.case_id, ct.at, ct.id",
                    contact_columns));
    auto promises = prepared(fmt::format("SELECT {} FROM promises p ORDER BY p.case_id, "
                                         "p.due, p.id",
                                         promise_columns));
    bool more_contacts = contacts->executeStep();
    bool more_promises = promises->executeStep();
    constexpr int case_id_column = 1; // in both contact_columns and promise_columns
    while (cases->executeStep()) {
        CaseFile file{read_case(*cases), {}, {}};
        const std::int64_t id = file.kase.id;
        while (more_contacts && contacts->getColumn(case_id_column).getInt64() <= id) {
            if (contacts->getColumn(case_id_column).getInt64() == id) {
                file.contacts.push_back(read_contact(*contacts));
            }
            more_contacts = contacts->executeStep();
        }
        while (more_promises && promises->getColumn(case_id_column).getInt64() <= id) {
            if (promises->getColumn(case_id_column).getInt64() == id) {
                file.promises.push_back(read_promise(*promises));
            }
            more_promises = promises->executeStep();
        }
        visit(file);
    }
}

} // namespace escalate
