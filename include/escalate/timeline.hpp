// The public timeline of a case: one model, computed once, that every export format renders
// (SPEC section 5). Redaction and the leaving out of private contacts happen here, so no
// format can forget them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "escalate/engine.hpp"
#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "escalate/redact.hpp"
#include "escalate/stats.hpp"

namespace escalate {

enum class Redaction { Off, On };
enum class Privacy { PublicOnly, IncludePrivate };

struct ExportOptions {
    Redaction redaction = Redaction::Off;
    Privacy privacy = Privacy::PublicOnly;
    RedactTerms terms;
};

// How a thread counts a post's length (SPEC section 8: --network, --limit, --max-posts).
enum class Network { X, Bluesky, Mastodon, Limit };
struct ThreadOptions {
    Network network = Network::X;
    std::size_t limit = 280;    // Network::Limit only: the most characters in a post
    std::size_t max_posts = 12; // the thread tells the story in at most this many posts
};

enum class EventKind {
    Contact,       // a contact, as logged
    PromiseBroken, // a promise's due time (plus grace) passed unkept
    Resolution,    // the case was closed
};

struct TimelineEvent {
    EventKind kind = EventKind::Contact;
    Timestamp at = 0;
    std::int64_t day = 1;             // day 1 is the day the case was opened
    const Contact* contact = nullptr; // for Contact (points into Timeline::contacts)
    const Promise* promise = nullptr; // made on this contact, or the one broken
    int tier = 1;
    std::string noun; // "call", "public post"
    bool key = false; // worth a post of its own in a thread
};

// What a promise came to as of the export, decided once in build_timeline for every format:
// kept; broken (marked so, or overdue past the grace as of the export, or as of the closing
// for a closed case); pending (still open in an open case); unresolved (still open when the
// case closed: no longer pending, never reminded, not counted as kept nor broken).
enum class SpanEnd { Kept, Broken, Pending, Unresolved };

// A promise drawn from when it was made to when it was due.
struct PromiseSpan {
    const Promise* promise = nullptr;
    Timestamp made_at = 0;
    Timestamp due = 0;
    SpanEnd end = SpanEnd::Pending;
    int tier = 1;
};

// Events and spans point into the timeline's own contacts and promises: it moves, it does
// not copy.
struct Timeline {
    Timeline() = default;
    Timeline(const Timeline&) = delete;
    Timeline& operator=(const Timeline&) = delete;
    Timeline(Timeline&&) = default;
    Timeline& operator=(Timeline&&) = default;

    Case kase; // text redacted when asked
    Org org;   // the directory as published (handles kept, phone and email masked)
    std::vector<Contact> contacts;     // the exported ones, redacted, oldest first
    std::vector<Promise> promises;     // promises made on exported contacts, redacted
    std::vector<TimelineEvent> events; // contacts, broken promises and the resolution, in order
    std::vector<PromiseSpan> spans;
    CaseStats stats; // over the exported contacts
    Timestamp now = 0;
    Timestamp ends_at = 0; // closing time, or now
    std::int64_t days = 0; // calendar days from opening to the end
    std::string headline;  // "66 days, 12 calls, 3 h 7 min on hold, 3 broken promises"
    std::vector<std::string> other_contacts; // "1 public post", ... (not calls)
    std::optional<Suggestion> next;          // the engine's top suggestion, for the calendar
    std::vector<std::string> handles;        // the org's social handles
    std::vector<MaskedSpan> masked;          // every span --redact masked, in field order
};

[[nodiscard]] Timeline build_timeline(const CaseFile& file, const Org& org, const Policy& policy,
                                      Timestamp now, const ExportOptions& options,
                                      std::optional<Suggestion> next = std::nullopt);

// A promise's end as one word for data (json "status", csv promise_status): kept, broken,
// pending, unresolved; and in words for prose ("unresolved when the case closed").
[[nodiscard]] std::string_view promise_end_name(SpanEnd end);
[[nodiscard]] std::string_view promise_end_words(SpanEnd end);
// The span of the exported promise with this id, or null.
[[nodiscard]] const PromiseSpan* span_of(const Timeline& t, std::int64_t promise_id);

// "called", "wrote to", ... : one line per event, for the article and the thread.
[[nodiscard]] std::string describe_event(const Timeline& t, const TimelineEvent& e);

// The article's opening paragraph: the headline figures in sentences.
// "Dates are in the fr_FR.UTF-8 locale.", stated at the top of an article whose day and month
// names are not English (date_locale); "" when they are.
[[nodiscard]] std::string locale_line();
[[nodiscard]] std::string summary_paragraph(const Timeline& t);
// How it ended, or that it has not: "Resolved on Fri 6 Nov 2026 through the executive office."
[[nodiscard]] std::string ending(const Timeline& t);
// The article's title: "Billing after contract end: 66 days, 12 calls, ..."
[[nodiscard]] std::string article_title(const Timeline& t);

enum class ExportFormat { Md, Txt, Thread, Json, Csv, Html, Ics, Svg, Png };
[[nodiscard]] std::optional<ExportFormat> export_format_from(std::string_view name);

// The whole document for a format.
[[nodiscard]] std::string render_md(const Timeline& t);
[[nodiscard]] std::string render_txt(const Timeline& t);
[[nodiscard]] std::vector<std::string> thread_posts(const Timeline& t, const ThreadOptions& o);
[[nodiscard]] std::string render_thread(const Timeline& t, const ThreadOptions& o);
[[nodiscard]] std::string render_csv(const Timeline& t);
[[nodiscard]] std::string render_html(const Timeline& t, const Policy& policy);
[[nodiscard]] std::string render_ics(const Timeline& t);
[[nodiscard]] std::string render_json(const Timeline& t, const Policy& policy);
// The timeline picture alone: an SVG document, and the same rendered to PNG bytes.
[[nodiscard]] std::string render_svg(const Timeline& t, const Policy& policy);
[[nodiscard]] std::string render_png(const Timeline& t, const Policy& policy);

} // namespace escalate
