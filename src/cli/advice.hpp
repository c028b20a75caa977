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

// The person's history, read once per command from the case log's tallies over the newest
// cases (the policy's history.recent_cases): overall, and with each org among them. `next CASE`,
// the agenda and `list` all read it, so they give the same advice for the same case.
class History {
public:
    History(Context& ctx, Store& store);
    // The history as of the log's current state, read once per state of the log.
    [[nodiscard]] static const History& of(Context& ctx, Store& store);
    [[nodiscard]] const ChannelRecords& overall() const { return overall_; }
    [[nodiscard]] ChannelHistory for_org(const std::string& org) const;
    // Two histories with the same fingerprint rank a case's channels alike.
    [[nodiscard]] static std::int64_t fingerprint(const ChannelHistory& h);

private:
    const Policy& policy_;
    std::vector<ChannelTally> tallies_;
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
