// Writes the same synthetic cases three ways, for bench/run.sh:
//   escalate_seed CASES OUTDIR [CONTACTS_PER_CASE] [ORGS] [--tasks-json]
// OUTDIR/dump.jsonl     an escalate dump (SPEC section 7), written by the core's own dump
//                       writer, for `escalate import`
// OUTDIR/<table>.csv    the same rows as the case log's tables hold them (orgs, cases,
//                       contacts, promises), a header line naming the columns, for sqlite3's
//                       .import into the same schema; NULL is an empty field
// OUTDIR/pending.data   the same cases as taskwarrior 2.6 tasks, in its own file format (a
//                       case is a pending task, each contact an annotation, a pending
//                       promise its due date), because `task import` takes about 3 s per
//                       1,000 tasks: minutes at 100,000
// OUTDIR/tasks.json     with --tasks-json, the same tasks as a JSON array for `task import`,
//                       to check pending.data against what taskwarrior writes itself (it
//                       writes the same lines but for `modified`, the time of the import)
// Deterministic: the same arguments write the same bytes. Every case is open; times fall in
// the year before 2026-11-20.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "escalate/dump.hpp"
#include "escalate/errors.hpp"
#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "synthetic.hpp"

namespace {

using namespace escalate;
using bench::end_of_data;

// One CSV field (RFC 4180); an absent value is an empty field, which sqlite3 reads as ''.
std::string csv(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
        return std::string(s);
    }
    std::string out = "\"";
    for (const char ch : s) {
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    }
    return out + "\"";
}
std::string csv(const std::string& s) {
    return csv(std::string_view(s));
}
std::string csv(const std::optional<std::string>& s) {
    return s ? csv(*s) : std::string();
}
template <class T> std::string csv_number(const std::optional<T>& v) {
    return v ? std::to_string(*v) : std::string();
}
std::string json_array_text(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump();
}

// A value in taskwarrior's file format (FF4): JSON string escapes, brackets as entities.
std::string ff4(std::string_view s) {
    std::string out;
    for (const char ch : s) {
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '[':
            out += "&open;";
            break;
        case ']':
            out += "&close;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string uuid_of(long id) {
    return fmt::format("00000000-0000-4000-8000-{:012}", id);
}

std::string annotation_text(const Contact& c) {
    return fmt::format("{} {} {}{}{}", c.channel, to_string(c.direction),
                       c.outcome ? to_string(*c.outcome) : std::string_view("awaiting"),
                       c.note ? ": " : "", c.note.value_or(""));
}

std::optional<Timestamp> pending_due(const CaseFile& f) {
    for (const auto& p : f.promises) {
        if (p.status == PromiseStatus::Pending) {
            return p.due;
        }
    }
    return std::nullopt;
}

// One line of pending.data, attributes in name order as taskwarrior writes them.
std::string task_line(const CaseFile& f) {
    std::string line = "[";
    for (const auto& c : f.contacts) {
        line += fmt::format("annotation_{}:\"{}\" ", c.at, ff4(annotation_text(c)));
    }
    line += fmt::format("description:\"{}\" ", ff4(f.kase.org + ": " + f.kase.title));
    if (const auto due = pending_due(f)) {
        line += fmt::format("due:\"{}\" ", *due);
    }
    const Timestamp modified = f.contacts.empty() ? f.kase.opened_at : f.contacts.back().at;
    line += fmt::format("entry:\"{}\" modified:\"{}\" project:\"{}\" status:\"pending\" "
                        "uuid:\"{}\"]\n",
                        f.kase.opened_at, modified, ff4(f.kase.org), uuid_of(f.kase.id));
    return line;
}

std::string task_time(Timestamp t) {
    return format_rfc3339(t).substr(0, 19) + "Z"; // taskwarrior reads ISO 8601 with a zone
}

nlohmann::json task_json(const CaseFile& f) {
    nlohmann::json annotations = nlohmann::json::array();
    for (const auto& c : f.contacts) {
        annotations.push_back({{"entry", task_time(c.at)}, {"description", annotation_text(c)}});
    }
    nlohmann::json t{
        {"uuid", uuid_of(f.kase.id)},
        {"description", f.kase.org + ": " + f.kase.title},
        {"status", "pending"},
        {"entry", task_time(f.kase.opened_at)},
        {"modified", task_time(f.contacts.empty() ? f.kase.opened_at : f.contacts.back().at)},
        {"project", f.kase.org},
        {"annotations", annotations}};
    if (const auto due = pending_due(f)) {
        t["due"] = task_time(*due);
    }
    return t;
}

std::ofstream open_out(const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw StorageError("cannot write " + path);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args;
    bool tasks_json = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--tasks-json") {
            tasks_json = true;
        } else {
            args.emplace_back(argv[i]);
        }
    }
    if (args.size() < 2) {
        std::fprintf(
            stderr,
            "usage: escalate_seed CASES OUTDIR [CONTACTS_PER_CASE] [ORGS] [--tasks-json]\n");
        return 2;
    }
    const long cases = std::atol(args[0].c_str());
    const std::string dir = args[1];
    const long per_case = args.size() > 2 ? std::atol(args[2].c_str()) : 20;
    const long orgs = args.size() > 3 ? std::atol(args[3].c_str()) : 500;
    try {
        const Policy policy = Policy::builtin();
        auto dump = open_out(dir + "/dump.jsonl");
        auto org_rows = open_out(dir + "/orgs.csv");
        auto case_rows = open_out(dir + "/cases.csv");
        auto contact_rows = open_out(dir + "/contacts.csv");
        auto promise_rows = open_out(dir + "/promises.csv");
        auto tasks = open_out(dir + "/pending.data");
        std::ofstream task_array;
        if (tasks_json) {
            task_array = open_out(dir + "/tasks.json");
            task_array << "[\n";
        }
        org_rows << "id,name,phone,email,chat,social,exec,regulator,unavailable,requires\n";
        case_rows << "id,org_id,title,want,status,opened_at,closed_at,resolution,tags,incident_at,"
                     "paid_by,country,sector,amount,currency,order_ref\n";
        contact_rows << "id,case_id,channel,direction,at,duration_s,hold_s,agent,ref,outcome,"
                        "note,private\n";
        promise_rows << "id,case_id,contact_id,text,due,status\n";

        dump << dump_header_line(end_of_data) << '\n';
        DumpCounts counts;
        for (long i = 0; i < orgs; ++i) {
            const Org o = bench::make_org(i);
            dump << dump_org_line(o) << '\n';
            org_rows << fmt::format("{},{},{},{},{},{},{},{},{},\n", i + 1, csv(o.name),
                                    csv(o.phone), csv(o.email), csv(o.chat),
                                    csv(json_array_text(o.social)), csv(o.exec), csv(o.regulator),
                                    csv(json_array_text(o.unavailable)));
            ++counts.orgs;
        }
        std::int64_t next_contact = 1;
        std::int64_t next_promise = 1;
        for (long id = 1; id <= cases; ++id) {
            const CaseFile f = bench::make_case(id, orgs, per_case, next_contact, next_promise);
            const Case& k = f.kase;
            dump << dump_case_line(f, policy, end_of_data) << '\n';
            case_rows << fmt::format(
                "{},{},{},{},{},{},,,{},{},{},{},{},{},{},{}\n", k.id, id % orgs + 1, csv(k.title),
                csv(k.want), to_string(k.status), k.opened_at, csv(json_array_text(k.tags)),
                csv_number(k.incident_at),
                k.paid_by ? std::string(to_string(*k.paid_by)) : std::string(), csv(k.country),
                csv(k.sector), csv(k.amount), csv(k.currency), csv(k.order_ref));
            for (const auto& c : f.contacts) {
                contact_rows << fmt::format(
                    "{},{},{},{},{},{},{},{},{},{},{},0\n", c.id, c.case_id, c.channel,
                    to_string(c.direction), c.at, csv_number(c.duration_s), csv_number(c.hold_s),
                    csv(c.agent), csv(c.ref),
                    c.outcome ? std::string(to_string(*c.outcome)) : std::string(), csv(c.note));
            }
            for (const auto& p : f.promises) {
                promise_rows << fmt::format("{},{},{},{},{},{}\n", p.id, p.case_id, p.contact_id,
                                            csv(p.text), p.due, to_string(p.status));
            }
            tasks << task_line(f);
            if (tasks_json) {
                task_array << (id > 1 ? ",\n" : "") << task_json(f).dump();
            }
            ++counts.cases;
            counts.contacts += static_cast<std::int64_t>(f.contacts.size());
            counts.promises += static_cast<std::int64_t>(f.promises.size());
        }
        dump << dump_end_line(counts) << '\n';
        if (tasks_json) {
            task_array << "\n]\n";
        }
        for (auto* out : {&dump, &org_rows, &case_rows, &contact_rows, &promise_rows, &tasks}) {
            out->flush();
            if (!*out) {
                throw StorageError("a write to " + dir + " failed (is the disk full?)");
            }
        }
        std::printf("%ld cases, %lld contacts, %lld promises, %ld orgs\n", cases,
                    static_cast<long long>(counts.contacts),
                    static_cast<long long>(counts.promises), orgs);
    } catch (const Error& e) {
        std::fprintf(stderr, "escalate_seed: %s\n", e.what());
        return 1;
    }
    return 0;
}
