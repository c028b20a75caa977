// Drafts for the outside tier: a summary for a regulator or ombudsman in the first person, an
// update to a complaint already filed, a chargeback request, a letter before action and the
// particulars of a small claim, each with the amount, the references and the dates.
#include <set>

#include <fmt/format.h>

#include "draft_parts.hpp"

namespace escalate::engine_detail::drafts {

namespace {

std::string payment_line(const Facts& f) {
    std::vector<std::string> parts;
    if (!f.amount().empty()) {
        parts.push_back("Amount: " + f.amount());
    }
    if (f.file.kase.incident_at) {
        parts.push_back("Transaction date: " +
                        format_local(*f.file.kase.incident_at, TimeStyle::Date));
    }
    if (f.file.kase.order_ref) {
        parts.push_back("Order reference: " + *f.file.kase.order_ref);
    }
    std::string out;
    for (const auto& p : parts) {
        out += p + "\n";
    }
    return out.empty() ? "" : out + "\n";
}

std::string letters_sent(const Facts& f) {
    std::string out;
    for (const auto& c : f.file.contacts) {
        const ChannelPolicy* ch = f.policy.find_channel(c.channel);
        if (c.direction == Direction::Out && ch && ch->written) {
            out += fmt::format("- {}: my {}{}\n", format_local(c.at, TimeStyle::Date), ch->noun,
                               f.cf.states[f.cf.index_of(c)].ignored ? ", unanswered" : "");
        }
    }
    return out.empty() ? "" : "What I have sent you:\n" + out + "\n";
}

} // namespace

std::string regulator_summary(const Facts& f) {
    const std::string body = f.cf.route.exists ? f.cf.route.body : "the regulator or ombudsman";
    std::vector<std::string> tiers;
    std::set<int> tried;
    for (const auto& c : f.file.contacts) {
        if (c.direction == Direction::Out) {
            tried.insert(f.policy.tier_of(c.channel));
        }
    }
    for (int t : tried) {
        tiers.push_back(f.policy.tier(t).name);
    }
    const std::string amount =
        f.amount().empty() ? "" : " The amount at stake is " + f.amount() + ".";
    std::vector<std::string> spent; // no "0 s on hold": a time only when there was one
    if (f.stats.talk_s > 0) {
        spent.push_back(format_duration(f.stats.talk_s) + " on the phone");
    }
    if (f.stats.hold_s > 0) {
        spent.push_back(format_duration(f.stats.hold_s) + " on hold");
    }
    return fmt::format(
        "Complaint about {}: summary for {}\n\n"
        "Subject: {}\n"
        "Complaint first made: {} ({})\n"
        "Contacts with {}: {} in all, {} of them mine ({}){}\n"
        "Promises made: {}; broken: {}\n"
        "Escalation so far: {}\n\n"
        "{}{}\n\n{}{}{}"
        "Full history:\n{}\n"
        "Outcome sought: {}.\n",
        f.file.kase.org, body, f.title(), format_local(f.file.kase.opened_at, TimeStyle::Date),
        f.stats.days_open == 0 ? "today" : plural(f.stats.days_open, "day") + " ago",
        f.file.kase.org, f.stats.contacts, f.stats.outbound, f.counts,
        spent.empty() ? "" : fmt::format("; {}", fmt::join(spent, ", ")), f.stats.promises_made,
        f.stats.promises_broken, tiers.empty() ? "none yet" : join_words(tiers),
        history_sentence(f), amount, decisive_line(f, "they sent me"), promises_block(f),
        refs_line(f), timeline_lines(f, 1000, 200, "their"), f.want());
}

// What has happened since a complaint to a regulator was filed, to add to it.
std::string regulator_update(const Facts& f) {
    const Contact* filed = f.cf.filed;
    const std::string body = f.cf.route.exists ? f.cf.route.body : "the regulator";
    std::string out = fmt::format("Update to my complaint about {} ({}), filed with {} on {}\n\n",
                                  f.file.kase.org, f.title(), body,
                                  filed ? format_local(filed->at, TimeStyle::Date) : "?");
    out += "Since I filed it:\n";
    for (const auto& c : f.file.contacts) {
        if (filed && c.at <= filed->at) {
            continue;
        }
        out += fmt::format("- {}: {} {}", format_local(c.at, TimeStyle::Date),
                           c.direction == Direction::Out ? "I contacted them by"
                                                         : "they contacted me by",
                           f.cf.noun(c.channel));
        if (c.outcome && !outcome_words(*c.outcome).empty()) {
            out += fmt::format(" ({})", outcome_words(*c.outcome));
        }
        out += c.note ? fmt::format(": \"{}\"\n", *c.note) : "\n";
    }
    for (const Promise* p : f.broken) {
        const Contact* c = f.contact(p->contact_id);
        if (!filed || (c && c->at > filed->at)) {
            out += fmt::format("- They promised \"{}\" by {}, and did not do it.\n", p->text,
                               format_local(p->due, TimeStyle::Date));
        }
    }
    return out + fmt::format("\nThe problem is still not fixed. What I want: {}.\n", f.want());
}

std::string chargeback_request(const Facts& f) {
    return fmt::format("To: my card issuer, disputes team\n\n"
                       "I dispute a payment to {}.\n\n{}"
                       "{} has not provided what I paid for and has not put it right. {}\n\n{}"
                       "I ask you to raise a chargeback for this payment.\n",
                       f.file.kase.org, payment_line(f), f.file.kase.org, history_sentence(f),
                       promises_block(f));
}

// A letter before action: the claim, the sum, 14 days, then court.
std::string demand_letter(const Facts& f) {
    const std::string by = format_local(add_local_days(f.now, 14), TimeStyle::Date);
    return fmt::format("Subject: Letter before action: {}\n\n"
                       "Dear {},\n\n"
                       "I am writing about {}. {}\n\n{}{}{}"
                       "What I want: {}{}.\n\n"
                       "This is a letter before action. If this is not done by {}, I will start a "
                       "claim in the small claims court without further notice, and ask for my "
                       "costs.\n\n"
                       "Yours faithfully,\n",
                       f.title(), f.file.kase.org, f.topic(), history_sentence(f), letters_sent(f),
                       promises_block(f), refs_line(f), f.want(),
                       f.amount().empty() ? "" : " (" + f.amount() + ")", by);
}

// The particulars of a small claim: who, what, how much, and what was tried.
std::string small_claim(const Facts& f) {
    const Contact* demand = nullptr;
    for (const auto& c : f.file.contacts) {
        const ChannelPolicy* ch = f.policy.find_channel(c.channel);
        if (c.direction == Direction::Out && ch &&
            words_for(f.cf, *ch).draft == DraftKind::SmallClaim) {
            demand = &c; // the letter before action went on the channel whose next step is a claim
        }
    }
    return fmt::format(
        "Small claim against {}: particulars of claim\n\n"
        "Amount claimed: {}\n"
        "The claim: {}\n"
        "Since {}: {}\n"
        "{}\n{}"
        "{}"
        "Full history:\n{}\n"
        "I ask the court to order {} to pay {}.\n",
        f.file.kase.org, f.amount().empty() ? "(state the amount)" : f.amount(), f.title(),
        format_local(f.file.kase.opened_at, TimeStyle::Date), f.want(),
        demand ? fmt::format("Letter before action sent on {}; no answer by {}.\n",
                             format_local(demand->at, TimeStyle::Date),
                             format_local(add_local_days(demand->at, 14), TimeStyle::Date))
               : "",
        letters_sent(f), refs_line(f), timeline_lines(f, 1000, 200, "their"), f.file.kase.org,
        f.amount().empty() ? "what I am owed" : f.amount());
}

// What to say on a call or chat; already talking to a supervisor, it does not ask for one.
} // namespace escalate::engine_detail::drafts
