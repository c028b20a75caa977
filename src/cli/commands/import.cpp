// escalate import FILE: restore a dump (SPEC section 7), in one transaction: every line is
// read and checked, and a bad one refuses the whole import, naming its line.
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <unistd.h>

#include "../commands.hpp"
#include "escalate/dump.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

constexpr std::size_t progress_every = 1000; // lines between progress updates on a terminal

struct ImportOptions {
    std::string file;
};

struct Tally {
    std::size_t cases = 0, contacts = 0, promises = 0, orgs = 0;
    std::vector<Case> skipped;
};

// Writes one case: with its own ids into an empty log, with new ones otherwise.
void import_case(Store& store, CaseFile file, bool keep_ids, Tally& tally) {
    if (!keep_ids) {
        if (store.has_case(file.kase.org, file.kase.title, file.kase.opened_at)) {
            tally.skipped.push_back(file.kase);
            return;
        }
        file.kase.id = 0;
    }
    const std::int64_t case_id = store.insert_case(file.kase);
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
    ++tally.orgs;
}

void run_import(const ImportOptions& o, Context& ctx) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o.file != "-") {
        file.open(o.file, std::ios::binary);
        if (!file) {
            throw NotFoundError(fmt::format("cannot read {}", o.file));
        }
        in = &file;
    }
    const bool progress = !ctx.quiet() && !ctx.json() && ::isatty(STDERR_FILENO) == 1;
    Store& store = ctx.store(Access::Write);
    // One transaction, not journaled: an import is undone by restoring the backup, not by undo.
    auto tx = store.write("import", ctx.now(), Journal::Skip);
    const bool keep_ids = store.empty();
    Tally tally;
    std::string line;
    std::size_t number = 0;
    bool header = false;
    while (std::getline(*in, line)) {
        ++number;
        if (line.empty()) {
            continue;
        }
        try {
            DumpLine parsed = parse_dump_line(line);
            if (!header && parsed.kind != DumpLine::Kind::Header) {
                throw UsageError("the first line must be the dump's header");
            }
            switch (parsed.kind) {
            case DumpLine::Kind::Header:
                if (header) {
                    throw UsageError("a second header");
                }
                if (parsed.version > dump_version) {
                    throw UsageError(fmt::format("the dump is version {}, newer than this escalate "
                                                 "reads ({}); upgrade escalate",
                                                 parsed.version, dump_version));
                }
                header = true;
                break;
            case DumpLine::Kind::Org:
                import_org(store, *parsed.org, tally);
                break;
            case DumpLine::Kind::Case:
                import_case(store, std::move(*parsed.file), keep_ids, tally);
                break;
            }
        } catch (const UsageError& e) {
            throw UsageError(
                fmt::format("{} line {}: {}; nothing was imported", o.file, number, e.what()));
        } catch (const std::exception& e) {
            throw UsageError(
                fmt::format("{} line {}: {}; nothing was imported", o.file, number, e.what()));
        }
        if (progress && number % progress_every == 0) {
            fmt::print(stderr, "\rimporting: line {}, {} cases", number, tally.cases);
        }
    }
    if (!header) {
        throw UsageError(fmt::format("{} is empty, not an escalate dump", o.file));
    }
    tx.commit();
    if (progress) {
        fmt::print(stderr, "\r\x1b[K");
    }
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
    fmt::print("Imported {} cases ({} contacts, {} promises) and {} orgs{}\n", tally.cases,
               tally.contacts, tally.promises, tally.orgs,
               keep_ids ? ", with their ids" : ", with new ids");
    for (const auto& k : tally.skipped) {
        fmt::print("Skipped #{} {} ({}): already in the log\n", k.id, k.org, k.title);
    }
}

} // namespace

Command setup_import(CLI::App& app) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* sub = app.add_subcommand("import", "Restore a dump made by export --all");
    sub->add_option("FILE", o->file, "The dump (JSON Lines); - reads standard input")->required();
    sub->footer(R"(Into an empty case log every id is restored; into one that has cases, they
are appended with new ids, and a case already there (same org, title and opening time) is
skipped and reported. A bad line refuses the whole import.

Examples:
  escalate export --all --format json -o backup.jsonl
  escalate --db new.db import backup.jsonl)");
    return {sub, [o](Context& ctx) { run_import(*o, ctx); }};
}

} // namespace escalate::cli
