// escalate export CASE --format F: the case timeline, ready to publish.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "escalate/dump.hpp"
#include "escalate/errors.hpp"
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

// Writes beside the target and renames over it: a reader never sees half a file, and a failed
// export leaves nothing behind. Readable by the user alone until they choose to share it.
class Output {
public:
    explicit Output(const std::optional<std::string>& path) {
        if (path && *path != "-") {
            path_ = *path;
            tmp_ = *path + ".tmp-escalate";
            fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd_ < 0) {
                fail();
            }
        }
    }
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output() {
        if (fd_ >= 0) {
            ::close(fd_);
            ::unlink(tmp_.c_str());
        }
    }
    void write(std::string_view text) {
        bytes_ += text.size();
        if (fd_ < 0) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return;
        }
        while (!text.empty()) {
            const ssize_t n = ::write(fd_, text.data(), text.size());
            if (n <= 0) {
                fail();
            }
            text.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    // Makes the file appear, whole; returns its path, or nothing for standard output.
    std::optional<std::string> commit() {
        if (fd_ < 0) {
            return std::nullopt;
        }
        const int fd = fd_;
        fd_ = -1;
        if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            ::unlink(tmp_.c_str());
            fail();
        }
        return path_;
    }
    [[nodiscard]] std::size_t bytes() const { return bytes_; }

private:
    [[noreturn]] void fail() const {
        throw StorageError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    }
    std::string path_, tmp_;
    int fd_ = -1;
    std::size_t bytes_ = 0;
};

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
    for (const auto& org : store.orgs()) {
        out.write(dump_org_line(org) + "\n");
    }
    std::size_t cases = 0;
    store.for_each_case_file([&](const CaseFile& file) {
        out.write(dump_case_line(file, policy, now) + "\n");
        ++cases;
    });
    if (const auto path = out.commit(); path && !ctx.quiet()) {
        fmt::print(stderr, "escalate: wrote {} cases to {} ({} bytes)\n", cases, *path,
                   out.bytes());
    }
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
    const Case k = store.resolve_case(*o.case_ref);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    std::optional<Suggestion> next;
    if (!ca.advice.suggestions.empty()) {
        next = ca.advice.suggestions.front();
    }
    ExportOptions options{o.redact ? Redaction::On : Redaction::Off,
                          o.include_private ? Privacy::IncludePrivate : Privacy::PublicOnly,
                          {o.mask, o.unmask}};
    const Timeline t = build_timeline(ca.file, ca.org, policy, now, options, next);
    std::string text;
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
    auto* case_ref = sub->add_option("CASE", o->case_ref, "12, #12 or an org name prefix");
    sub->add_flag("--all", o->all, "Every case: the full dump, with --format json")
        ->excludes(case_ref);
    sub->add_option("--format", o->format, "md, txt, thread, json, csv, html, ics, svg or png")
        ->required()
        ->type_name("F");
    sub->add_flag("--redact", o->redact,
                  "Mask phone numbers, emails, long numbers, references and agents' surnames");
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
                if (o->all) {
                    run_dump(*o, ctx);
                } else if (!o->case_ref) {
                    throw UsageError("say which case to export (export 12 --format md), or --all");
                } else {
                    run_export(*o, ctx);
                }
            }};
}

} // namespace escalate::cli
