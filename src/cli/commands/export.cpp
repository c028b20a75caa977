// escalate export CASE --format F: the case timeline, ready to publish.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <unistd.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../output_file.hpp"
#include "escalate/dump.hpp"
#include "escalate/errors.hpp"
#include "escalate/text.hpp"
#include "escalate/timeline.hpp"

namespace escalate::cli {

namespace {

constexpr long long min_limit = 40;
constexpr long long max_limit = 100000;
constexpr long long default_max_posts = 12;

struct ExportOpts {
    std::optional<std::string> case_ref;
    bool all = false;
    std::string format;
    bool redact = false;
    bool include_private = false;
    std::optional<std::string> output;
    std::optional<std::string> network;
    std::optional<long long> limit;
    long long max_posts = default_max_posts;
    std::vector<std::string> mask;
    std::vector<std::string> unmask;
    bool review = false;
    bool excel = false;
};

ThreadOptions thread_options(const ExportOpts& o) {
    ThreadOptions t;
    if (o.limit) {
        if (*o.limit < min_limit || *o.limit > max_limit) {
            throw UsageError(fmt::format("--limit {}: a post holds {} to {} characters", *o.limit,
                                         min_limit, max_limit));
        }
        t.network = Network::Limit;
        t.limit = static_cast<std::size_t>(*o.limit);
    } else if (o.network) {
        static constexpr std::pair<std::string_view, Network> networks[] = {
            {"x", Network::X}, {"bluesky", Network::Bluesky}, {"mastodon", Network::Mastodon}};
        const auto* it = std::find_if(std::begin(networks), std::end(networks),
                                      [&](const auto& n) { return n.first == *o.network; });
        if (it == std::end(networks)) {
            throw UsageError(fmt::format("--network \"{}\": accepted: x, bluesky, mastodon (or "
                                         "--limit N for another network)",
                                         *o.network));
        }
        t.network = it->second;
    }
    if (o.max_posts < 1 || o.max_posts > 1000) {
        throw UsageError(
            fmt::format("--max-posts {}: a thread holds 1 to 1000 posts", o.max_posts));
    }
    t.max_posts = static_cast<std::size_t>(o.max_posts);
    return t;
}

// export --all --format json: the dump of SPEC section 7, streamed.
void run_dump(const ExportOpts& o, Context& ctx) {
    if (o.format != "json") {
        throw UsageError(fmt::format("export --all writes the json dump only (--format json), not "
                                     "\"{}\"",
                                     o.format));
    }
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    Output out(o.output);
    out.write(dump_header_line(now) + "\n");
    DumpCounts counts;
    for (const auto& org : store.orgs()) {
        out.write(dump_org_line(org) + "\n");
        ++counts.orgs;
    }
    store.for_each_case_file([&](const CaseFile& file) {
        std::size_t values = 0;
        const std::string line = dump_case_line(file, policy, now, &values);
        if (line.size() > max_dump_line_bytes || values > max_dump_line_values) {
            // import could not read it back: a dump that cannot be restored is no backup.
            throw StorageError(fmt::format(
                "case #{} is too large for a dump line ({:.1f} MiB, {} values; import reads "
                "at most {} MiB and {} values a line): back the log up with "
                "`escalate backup FILE` instead",
                file.kase.id, static_cast<double>(line.size()) / (1 << 20), values,
                max_dump_line_bytes >> 20, max_dump_line_values));
        }
        out.write(line);
        out.write("\n");
        ++counts.cases;
        counts.contacts += static_cast<std::int64_t>(file.contacts.size());
        counts.promises += static_cast<std::int64_t>(file.promises.size());
    });
    out.write(dump_end_line(counts) + "\n");
    if (const auto path = out.commit(); path && !ctx.quiet()) {
        fmt::print(stderr, "escalate: wrote {} to {} ({} bytes)\n", plural(counts.cases, "case"),
                   *path, out.bytes());
    }
}

// The stored list (docs/export.md): one term per line to mask in every --redact export, "!TERM"
// for a term never to mask, "#" for a comment.
RedactTerms stored_terms(const std::string& path) {
    RedactTerms terms;
    if (path.empty() || !std::filesystem::exists(path)) {
        return terms;
    }
    std::ifstream in(path);
    if (!in) {
        throw UsageError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
            line.pop_back();
        }
        const auto start = line.find_first_not_of(' ');
        if (start == std::string::npos || line[start] == '#') {
            continue;
        }
        std::string term = line.substr(start);
        const bool keep = term.front() == '!';
        term.erase(0, keep ? 1 : 0);
        check_text(fmt::format("{} line {}", path, n), term, Lines::Single);
        (keep ? terms.unmask : terms.mask).push_back(std::move(term));
    }
    return terms;
}

// A span on one line of the review: a line break as "⏎", other control characters as \xHH.
std::string one_line_visible(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\u23CE";
        } else if (u < 0x20 || u == 0x7F) {
            out += fmt::format("\\x{:02x}", u);
        } else {
            out += c;
        }
    }
    return out;
}

// export --redact --review: every masked span, to check before posting.
std::string render_review(const Timeline& t, bool json, const std::string& terms_file) {
    if (json) {
        nlohmann::json spans = nlohmann::json::array();
        for (const auto& m : t.masked) {
            spans.push_back({{"field", m.field},
                             {"column", m.column},
                             {"category", m.category},
                             {"original", m.original},
                             {"masked", m.replacement}});
        }
        return spans.dump(2) + "\n";
    }
    if (t.masked.empty()) {
        return "Nothing was masked.\n";
    }
    std::size_t field_width = 5;
    std::size_t category_width = 8;
    for (const auto& m : t.masked) {
        field_width = std::max(field_width, m.field.size());
        category_width = std::max(category_width, m.category.size());
    }
    std::string out = fmt::format("{:<{}}  {:>4}  {:<{}}  {}\n", "FIELD", field_width, "COL",
                                  "CATEGORY", category_width, "ORIGINAL -> MASKED");
    std::set<std::string> fields;
    for (const auto& m : t.masked) {
        fields.insert(m.field);
        out += fmt::format("{:<{}}  {:>4}  {:<{}}  {} -> {}\n", m.field, field_width, m.column,
                           m.category, category_width, one_line_visible(m.original),
                           one_line_visible(m.replacement));
    }
    out += fmt::format("\n{} masked in {}. Check them before you post: --unmask TEXT keeps a "
                       "false positive, --mask TEXT masks what was missed",
                       plural(static_cast<std::int64_t>(t.masked.size()), "span"),
                       plural(static_cast<std::int64_t>(fields.size()), "field"));
    out += terms_file.empty() ? ".\n"
                              : fmt::format(", and {} lists terms for every export.\n", terms_file);
    return out;
}

void run_export(const ExportOpts& o, Context& ctx) {
    const auto format = export_format_from(o.format);
    if (!format) {
        throw UsageError(fmt::format("--format \"{}\": accepted: md, txt, thread, json, csv, html, "
                                     "ics, svg, png",
                                     o.format));
    }
    if (*format == ExportFormat::Png && (!o.output || *o.output == "-") &&
        ::isatty(STDOUT_FILENO) == 1) {
        // A terminal would show binary noise, or act on it.
        throw UsageError("--format png is an image, not for a terminal: use -o FILE or a "
                         "redirect (> picture.png)");
    }
    const ThreadOptions thread = thread_options(o);
    if ((o.review || !o.mask.empty() || !o.unmask.empty()) && !o.redact) {
        throw UsageError("--mask, --unmask and --review work with --redact");
    }
    if (o.excel && *format != ExportFormat::Csv) {
        throw UsageError("--excel is for --format csv");
    }
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const Case k = ctx.case_or_default(store, o.case_ref);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    std::optional<Suggestion> next;
    if (!ca.advice.suggestions.empty()) {
        next = ca.advice.suggestions.front();
    }
    const std::string terms_file = Context::config_file("redact.txt");
    RedactTerms terms = o.redact ? stored_terms(terms_file) : RedactTerms{};
    terms.mask.insert(terms.mask.end(), o.mask.begin(), o.mask.end());
    terms.unmask.insert(terms.unmask.end(), o.unmask.begin(), o.unmask.end());
    for (const auto& term : terms.mask) {
        check_text("--mask", term, Lines::Single);
    }
    for (const auto& term : terms.unmask) {
        check_text("--unmask", term, Lines::Single);
    }
    ExportOptions options{o.redact ? Redaction::On : Redaction::Off,
                          o.include_private ? Privacy::IncludePrivate : Privacy::PublicOnly,
                          std::move(terms)};
    const Timeline t = build_timeline(ca.file, ca.org, policy, now, options, next);
    std::string text;
    if (o.review) {
        Output out(o.output);
        out.write(render_review(t, ctx.json(), terms_file));
        out.commit();
        return;
    }
    switch (*format) {
    case ExportFormat::Md:
        text = render_md(t);
        break;
    case ExportFormat::Txt:
        text = render_txt(t);
        break;
    case ExportFormat::Thread:
        text = render_thread(t, thread);
        break;
    case ExportFormat::Json:
        text = render_json(t, policy);
        break;
    case ExportFormat::Csv:
        // Excel reads a CSV without a byte order mark in the machine's code page.
        text = (o.excel ? "\xEF\xBB\xBF" : "") + render_csv(t);
        break;
    case ExportFormat::Html:
        text = render_html(t, policy);
        break;
    case ExportFormat::Ics:
        text = render_ics(t);
        break;
    case ExportFormat::Svg:
        text = render_svg(t, policy);
        break;
    case ExportFormat::Png:
        text = render_png(t, policy);
        break;
    }
    Output out(o.output);
    out.write(text);
    if (const auto path = out.commit(); path && !ctx.quiet()) {
        fmt::print(stderr, "escalate: wrote {} ({} bytes)\n", *path, text.size());
    }
}

} // namespace

Command setup_export(CLI::App& app) {
    auto o = std::make_shared<ExportOpts>();
    CLI::App* sub = app.add_subcommand("export", "The case timeline, ready to publish");
    auto* case_ref = sub->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    sub->add_flag("--all", o->all, "Every case: the full dump, with --format json")
        ->excludes(case_ref);
    sub->add_option("--format", o->format, "md, txt, thread, json, csv, html, ics, svg or png")
        ->required()
        ->type_name("F");
    sub->add_flag("--redact", o->redact,
                  "Mask personal data: phones, emails, cards, bank details, ids, addresses, "
                  "dates of birth, names, references (docs/export.md)");
    sub->add_flag("--include-private", o->include_private,
                  "Include contacts logged with --private (left out by default)");
    sub->add_option("-o,--output", o->output, "Write to FILE (default: standard output)")
        ->type_name("FILE");
    sub->add_option("--mask", o->mask, "With --redact: also mask TEXT wherever it appears")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    sub->add_option("--unmask", o->unmask, "With --redact: never mask TEXT (a false positive)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    sub->add_flag("--review", o->review,
                  "With --redact: list every masked span (field, column, category) instead");
    auto* network = sub->add_option("--network", o->network,
                                    "thread: count posts as x (default), bluesky or mastodon do")
                        ->type_name("NAME");
    sub->add_option("--limit", o->limit, "thread: posts of at most N characters (other networks)")
        ->type_name("N")
        ->excludes(network);
    sub->add_option("--max-posts", o->max_posts, "thread: at most N posts (default 12)")
        ->type_name("N");
    sub->add_flag("--excel", o->excel, "csv: start with a byte order mark, for Excel");
    sub->footer(R"(Examples:
  escalate export 12 --format thread --redact
  escalate export meterco --format html --redact -o meterco.html
  escalate export 12 --format ics -o reminders.ics
  escalate export 12 --format csv > contacts.csv
  escalate export --all --format json -o everything.jsonl   (restore: escalate import))");
    return {sub, [o](Context& ctx) {
                if (o->output) {
                    ctx.refuse_log_file("-o", *o->output);
                }
                if (o->all) {
                    run_dump(*o, ctx);
                } else {
                    run_export(*o, ctx);
                }
            }};
}

} // namespace escalate::cli
