// escalate import FILE: restore a dump (SPEC sections 7 and 8), in one transaction and one
// journaled change that undo reverts whole: every line is read (each with a bound) and checked,
// and a bad one refuses the whole import, naming its line; a dump must end with its end line,
// whose counts must agree with what came before it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "../commands.hpp"
#include "../line_reader.hpp"
#include "escalate/dump.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct ImportOptions {
    std::string file;
    bool no_end_line = false;
};

struct Tally {
    std::size_t cases = 0, contacts = 0, promises = 0, orgs = 0;
    std::vector<Case> skipped;
    // The org ids this import has used, by the name the dump spells: nothing else writes orgs
    // while the import holds its transaction.
    std::unordered_map<std::string, std::int64_t> org_ids;
    // The highest ids restored so far. Ids are kept only into an empty log, so an id above
    // these is new without asking the log (a dump lists them in increasing order).
    std::int64_t last_case = 0, last_contact = 0, last_promise = 0;
};

// Ids restored as dumped must be new: a dump that repeats one is refused in its own words,
// not SQLite's "UNIQUE constraint failed".
void check_ids(Store& store, const CaseFile& file, bool keep_ids, Tally& tally) {
    std::set<std::int64_t> promised;
    for (const Promise& p : file.promises) {
        if (!promised.insert(p.contact_id).second) {
            throw UsageError(
                fmt::format("contact {} has two promises; a contact holds one", p.contact_id));
        }
    }
    if (!keep_ids) {
        return;
    }
    const auto seen = [](std::int64_t id, std::int64_t& last, const auto& find) {
        if (id > last) {
            last = id;
            return false;
        }
        return find(id);
    };
    if (seen(file.kase.id, tally.last_case,
             [&](std::int64_t id) { return store.find_case(id).has_value(); })) {
        throw UsageError(fmt::format("case id {} appears twice in the dump", file.kase.id));
    }
    std::set<std::int64_t> contacts;
    for (const Contact& c : file.contacts) {
        if (!contacts.insert(c.id).second || seen(c.id, tally.last_contact, [&](std::int64_t id) {
                return store.find_contact(id).has_value();
            })) {
            throw UsageError(fmt::format("contact id {} appears twice in the dump", c.id));
        }
    }
    std::set<std::int64_t> promises;
    for (const Promise& p : file.promises) {
        if (!promises.insert(p.id).second || seen(p.id, tally.last_promise, [&](std::int64_t id) {
                return store.find_promise(id).has_value();
            })) {
            throw UsageError(fmt::format("promise id {} appears twice in the dump", p.id));
        }
    }
}

// Writes one case: with its own ids into an empty log, with new ones otherwise.
void import_case(Store& store, CaseFile file, bool keep_ids, Tally& tally) {
    if (!keep_ids) {
        if (store.has_case(file.kase.org, file.kase.title, file.kase.opened_at)) {
            tally.skipped.push_back(file.kase);
            return;
        }
        file.kase.id = 0;
    }
    check_ids(store, file, keep_ids, tally);
    auto org = tally.org_ids.find(file.kase.org);
    if (org == tally.org_ids.end()) {
        org = tally.org_ids.emplace(file.kase.org, store.ensure_org(file.kase.org).id).first;
    }
    const std::int64_t case_id = store.insert_case(file.kase, org->second);
    std::map<std::int64_t, std::int64_t> contact_ids;
    for (Contact c : file.contacts) {
        const std::int64_t old_id = c.id;
        c.case_id = case_id;
        if (!keep_ids) {
            c.id = 0;
        }
        contact_ids[old_id] = store.insert_contact(c);
    }
    for (Promise p : file.promises) {
        p.case_id = case_id;
        p.contact_id = contact_ids.at(p.contact_id);
        if (!keep_ids) {
            p.id = 0;
        }
        store.insert_promise(p);
    }
    ++tally.cases;
    tally.contacts += file.contacts.size();
    tally.promises += file.promises.size();
}

void import_org(Store& store, const Org& dumped, Tally& tally) {
    Org org = store.ensure_org(dumped.name);
    const std::int64_t id = org.id;
    org = dumped;
    org.id = id;
    store.update_org(org);
    tally.org_ids[dumped.name] = id;
    ++tally.orgs;
}

// On a terminal only: how far the import has read, by bytes when the size is known.
class Progress {
public:
    explicit Progress(bool on) : on_(on) {}
    void update(const LineReader& in, std::size_t cases) {
        if (!on_ || in.bytes_read() < next_) {
            return;
        }
        next_ = in.bytes_read() + (std::size_t{1} << 20);
        const double mb = static_cast<double>(in.bytes_read()) / 1e6;
        if (const auto size = in.size(); size && *size > 0) {
            std::fputs(
                fmt::format("\rimporting: {}% ({:.1f} of {:.1f} MB), {} {}\x1b[K",
                            in.bytes_read() * 100 / *size, mb, static_cast<double>(*size) / 1e6,
                            grouped(static_cast<std::int64_t>(cases)), noun_for(cases, "case"))
                    .c_str(),
                stderr);
        } else {
            std::fputs(fmt::format("\rimporting: {:.1f} MB, {} {}\x1b[K", mb,
                                   grouped(static_cast<std::int64_t>(cases)),
                                   noun_for(cases, "case"))
                           .c_str(),
                       stderr);
        }
        shown_ = true;
    }
    ~Progress() {
        if (shown_) {
            std::fputs("\r\x1b[K", stderr);
        }
    }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

private:
    bool on_;
    bool shown_ = false;
    std::size_t next_ = std::size_t{1} << 20;
};

// The first count of the end line that disagrees with the lines before it, in words.
std::optional<std::string> disagreement(const DumpCounts& said, const DumpCounts& seen) {
    const std::tuple<const char*, std::int64_t, std::int64_t> counts[] = {
        {"orgs", said.orgs, seen.orgs},
        {"cases", said.cases, seen.cases},
        {"contacts", said.contacts, seen.contacts},
        {"promises", said.promises, seen.promises}};
    for (const auto& count : counts) {
        if (std::get<1>(count) != std::get<2>(count)) {
            return fmt::format("the end line counts {} {} but the dump holds {}",
                               std::get<1>(count), std::get<0>(count), std::get<2>(count));
        }
    }
    return std::nullopt;
}

struct Reading {
    bool header = false;
    bool end = false;
    DumpCounts seen;
};

void import_line(Store& store, Store::BulkChange& change, DumpLine parsed, bool keep_ids,
                 Reading& r, Tally& tally) {
    if (r.end) {
        throw UsageError("a line after the dump's end line");
    }
    if (!r.header && parsed.kind != DumpLine::Kind::Header) {
        throw UsageError("the first line must be the dump's header");
    }
    switch (parsed.kind) {
    case DumpLine::Kind::Header:
        if (r.header) {
            throw UsageError("a second header");
        }
        if (parsed.version > dump_version) {
            throw UsageError(fmt::format("the dump is version {}, newer than this escalate "
                                         "reads ({}); upgrade escalate",
                                         parsed.version, dump_version));
        }
        r.header = true;
        break;
    case DumpLine::Kind::Org:
        ++r.seen.orgs;
        store.record_rows(change, true); // few, and they may change an org already here
        import_org(store, *parsed.org, tally);
        store.record_rows(change, false);
        break;
    case DumpLine::Kind::Case:
        ++r.seen.cases;
        r.seen.contacts += static_cast<std::int64_t>(parsed.file->contacts.size());
        r.seen.promises += static_cast<std::int64_t>(parsed.file->promises.size());
        import_case(store, std::move(*parsed.file), keep_ids, tally);
        break;
    case DumpLine::Kind::End:
        if (const auto wrong = disagreement(parsed.counts, r.seen)) {
            throw UsageError(*wrong);
        }
        r.end = true;
        break;
    }
}

void run_import(const ImportOptions& o, Context& ctx) {
    const std::string name = o.file == "-" ? std::string("standard input") : o.file;
    int fd = STDIN_FILENO;
    if (o.file != "-") {
        fd = ::open(o.file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw NotFoundError(fmt::format("cannot read {}: {}", o.file, std::strerror(errno)));
        }
    }
    struct Closer {
        int fd;
        ~Closer() {
            if (fd != STDIN_FILENO) {
                ::close(fd);
            }
        }
    } closer{fd};
    LineReader in(fd, name, max_dump_line_bytes);
    Progress progress(!ctx.quiet() && !ctx.json() && ::isatty(STDERR_FILENO) == 1);
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Write);
    // One transaction and one journal entry; its rows are not journaled one by one.
    auto tx = store.write("import", now, Journal::Skip);
    const bool keep_ids = store.empty();
    auto change = store.begin_bulk_change("import", now, in.size());
    Tally tally;
    Reading reading;
    std::string line;
    std::size_t number = 0;
    for (;;) {
        const auto status = in.next(line);
        if (status == LineReader::Status::End) {
            break;
        }
        ++number;
        if (status == LineReader::Status::TooLong) {
            throw UsageError(fmt::format("{} line {} is longer than {} MiB, the most a dump line "
                                         "holds; nothing was imported",
                                         name, number, max_dump_line_bytes >> 20));
        }
        if (line.empty()) {
            continue;
        }
        try {
            import_line(store, change, parse_dump_line(line), keep_ids, reading, tally);
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("{} line {}: {}{}; nothing was imported", name, number,
                                         e.what(),
                                         in.last_unterminated() ? " (the file stops in this line: "
                                                                  "it was cut short)"
                                                                : ""));
        }
        progress.update(in, tally.cases);
    }
    if (!reading.header) {
        throw UsageError(fmt::format("{} is empty, not an escalate dump", name));
    }
    if (!reading.end && !o.no_end_line) {
        throw UsageError(fmt::format(
            "{} ends at line {} without the dump's end line: it was cut short; nothing was "
            "imported (a dump written before 2026-11-23 has none: if it is whole, import it "
            "with --no-end-line)",
            name, number));
    }
    const std::string summary = fmt::format("import of {} cases from {}", tally.cases, name);
    store.end_bulk_change(change, summary);
    tx.commit(summary);
    if (ctx.json()) {
        nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
        for (const auto& k : tally.skipped) {
            skipped.push_back({{"id", k.id}, {"org", k.org}, {"title", k.title}});
        }
        print_json({{"imported",
                     {{"cases", tally.cases},
                      {"contacts", tally.contacts},
                      {"promises", tally.promises},
                      {"orgs", tally.orgs}}},
                    {"kept_ids", keep_ids},
                    {"skipped", skipped}});
        return;
    }
    if (ctx.quiet()) {
        return;
    }
    fmt::print("Imported {} ({}, {}) and {}{}\n", plural(tally.cases, "case"),
               plural(tally.contacts, "contact"), plural(tally.promises, "promise"),
               plural(tally.orgs, "org"), keep_ids ? ", with their ids" : ", with new ids");
    for (const auto& k : tally.skipped) {
        fmt::print("Skipped #{} {} ({}): already in the log\n", k.id, k.org, k.title);
    }
}

} // namespace

Command setup_import(CLI::App& app) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* sub = app.add_subcommand("import", "Restore a dump made by export --all");
    sub->add_option("FILE", o->file, "The dump (JSON Lines); - reads standard input")->required();
    sub->add_flag("--no-end-line", o->no_end_line,
                  "Accept a dump without its end line: one written before 2026-11-23 (check "
                  "that it is whole first)");
    sub->footer(R"(Into an empty case log every id is restored; into one that has cases, they
are appended with new ids, and a case already there (same org, title and opening time) is
skipped and reported. A bad line, a line over 16 MiB, or a dump without its end line (cut
short) refuses the whole import. The import is one change: `escalate undo` reverts it.

Examples:
  escalate export --all --format json -o backup.jsonl
  escalate --db new.db import backup.jsonl)");
    return {sub, [o](Context& ctx) { run_import(*o, ctx); }};
}

} // namespace escalate::cli
