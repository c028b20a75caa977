// escalate export CASE --format F: the case timeline, ready to publish.
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
#include "escalate/errors.hpp"
#include "escalate/timeline.hpp"

namespace escalate::cli {

namespace {

constexpr long long default_limit = 280; // SPEC: posts of at most 280 characters
constexpr long long min_limit = 40;
constexpr long long max_limit = 100000;

struct ExportOpts {
    std::string case_ref;
    std::string format;
    bool redact = false;
    bool include_private = false;
    std::optional<std::string> output;
    long long limit = default_limit;
};

// Writes beside the target and renames over it: a reader never sees half a file, and a failed
// export leaves nothing behind. Readable by the user alone until they choose to share it.
void write_file(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp-escalate";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
}

void run_export(const ExportOpts& o, Context& ctx) {
    const auto format = export_format_from(o.format);
    if (!format) {
        throw UsageError(fmt::format("--format \"{}\": accepted: md, txt, thread, json, csv, html, "
                                     "ics",
                                     o.format));
    }
    if (o.limit < min_limit || o.limit > max_limit) {
        throw UsageError(fmt::format("--limit {}: a post holds {} to {} characters", o.limit,
                                     min_limit, max_limit));
    }
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const Case k = store.resolve_case(o.case_ref);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    std::optional<Suggestion> next;
    if (!ca.advice.suggestions.empty()) {
        next = ca.advice.suggestions.front();
    }
    const ExportOptions options{o.redact ? Redaction::On : Redaction::Off,
                                o.include_private ? Privacy::IncludePrivate : Privacy::PublicOnly};
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
        text = render_thread(t, static_cast<std::size_t>(o.limit));
        break;
    case ExportFormat::Json:
        text = render_json(t, policy);
        break;
    case ExportFormat::Csv:
        text = render_csv(t);
        break;
    case ExportFormat::Html:
        text = render_html(t, policy);
        break;
    case ExportFormat::Ics:
        text = render_ics(t);
        break;
    }
    if (o.output && *o.output != "-") {
        write_file(*o.output, text);
        if (!ctx.quiet()) {
            fmt::print(stderr, "escalate: wrote {} ({} bytes)\n", *o.output, text.size());
        }
        return;
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
}

} // namespace

Command setup_export(CLI::App& app) {
    auto o = std::make_shared<ExportOpts>();
    CLI::App* sub = app.add_subcommand("export", "The case timeline, ready to publish");
    sub->add_option("CASE", o->case_ref, "12, #12 or an org name prefix")->required();
    sub->add_option("--format", o->format, "md, txt, thread, json, csv, html or ics")
        ->required()
        ->type_name("F");
    sub->add_flag("--redact", o->redact,
                  "Mask phone numbers, emails, long numbers, references and agents' surnames");
    sub->add_flag("--include-private", o->include_private,
                  "Include contacts logged with --private (left out by default)");
    sub->add_option("-o,--output", o->output, "Write to FILE (default: standard output)")
        ->type_name("FILE");
    sub->add_option("--limit", o->limit, "thread: the most characters in a post (default 280)")
        ->type_name("N");
    sub->footer(R"(Examples:
  escalate export 12 --format thread --redact
  escalate export meterco --format html --redact -o meterco.html
  escalate export 12 --format ics -o reminders.ics
  escalate export 12 --format csv > contacts.csv)");
    return {sub, [o](Context& ctx) { run_export(*o, ctx); }};
}

} // namespace escalate::cli
