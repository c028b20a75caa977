// Gathering what the engine needs for a case (its file, the org's directory, the person's
// history) from the store, and asking it.
#pragma once

#include "context.hpp"
#include "escalate/engine.hpp"

namespace escalate::cli {

struct CaseAdvice {
    CaseFile file;
    Org org;
    ChannelHistory history;
    Advice advice;
};

// Reads inside the caller's transaction.
[[nodiscard]] CaseAdvice advise_case(Context& ctx, Store& store, std::int64_t case_id,
                                     Drafts drafts = Drafts::Top);

// The person's history over the newest cases (the policy's history.recent_cases): overall,
// as the case log keeps it (docs/performance.md), and with one org, read through that org's
// cases. `next CASE`, the agenda and `list` all read it, so they give the same advice for the
// same case.
class History {
public:
    // Kept: the overall record the log keeps when it still holds, else summed afresh from the
    // newest cases' tallies (and kept, in a write transaction). Full: always summed afresh
    // (`rebuild --check` compares the two).
    enum class Source { Kept, Full };
    History(Context& ctx, Store& store, Source source = Source::Kept);
    // The history as of the log's current state, read once per state of the log.
    [[nodiscard]] static const History& of(Context& ctx, Store& store);
    [[nodiscard]] const ChannelRecords& overall() const { return overall_; }
    [[nodiscard]] ChannelHistory for_org(const std::string& org) const;
    // Two histories with the same fingerprint rank a case's channels alike.
    [[nodiscard]] static std::int64_t fingerprint(const ChannelHistory& h);
    // What the overall record is kept under: the policy decides what counts as a reply.
    [[nodiscard]] static std::string stamp(const Policy& policy);
    // The engine's records from the rows the log keeps.
    [[nodiscard]] static ChannelRecords records(const std::vector<KeptRecord>& kept);

private:
    const Policy& policy_;
    Store& store_;
    ChannelRecords overall_;
};

// The agenda over these cases (open ones only), with the same history `next CASE` uses: the
// person's record with each case's org, and over the newest cases. `items` points into `files`.
struct Agenda {
    std::map<std::string, Org> orgs;
    std::map<std::string, ChannelHistory> histories;
    std::vector<AgendaItem> items;
};
[[nodiscard]] Agenda agenda_for(Context& ctx, Store& store, const std::vector<CaseFile>& files);

// What log and edit print with --json: {"contact","promise","attempt","next"}.
[[nodiscard]] nlohmann::ordered_json logged_json(const Contact& c,
                                                 const std::optional<Promise>& promise,
                                                 const CaseAdvice& ca, const Policy& policy,
                                                 Timestamp now);

// "Next: <summary>" for the log line, or "" for a closed case.
[[nodiscard]] std::string next_line(const Advice& advice, const Style& style);

} // namespace escalate::cli
