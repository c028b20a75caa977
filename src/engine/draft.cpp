// Drafts (SPEC 4.5): ready-to-send messages written from the case log, by the channel's draft
// kind: a complaint (email, form, letter), an executive letter under a page, a public post of
// at most 280 characters, a script for a call; the outside tier's drafts are in
// draft_outside.cpp.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "draft_parts.hpp"
#include "escalate/text.hpp"

namespace escalate {

namespace engine_detail::drafts {

Facts gather(const CaseFacts& cf) {
    const CaseFile& file = cf.file();
    Facts f{cf, file, cf.in.org, cf.policy(), cf.now(), compute_stats(file, cf.policy(), cf.now()),
            "", {},   {}};
    // What the person did: outbound contacts per channel, in the order first used.
    std::vector<std::string> parts;
    for (const auto& [channel, n] : outbound_by_channel(file)) {
        const ChannelPolicy* ch = f.policy.find_channel(channel);
        parts.push_back(plural(n, ch ? ch->noun : channel));
    }
    f.counts = join_words(parts);
    std::set<std::string> seen;
    for (const auto& c : file.contacts) {
        if (c.ref && seen.insert(*c.ref).second) {
            f.refs.push_back(*c.ref);
        }
    }
    if (file.kase.order_ref && seen.insert(*file.kase.order_ref).second) {
        f.refs.insert(f.refs.begin(), *file.kase.order_ref);
    }
    for (const auto& p : file.promises) {
        if (counts_as_broken(file, p, f.policy, f.now)) {
            f.broken.push_back(&p);
        }
    }
    return f;
}

namespace {

std::string promise_line(const Facts& f, const Promise& p) {
    const Contact* c = f.contact(p.contact_id);
    return fmt::format(
        "- \"{}\" ({}{}, due {}): not kept", p.text, c && c->agent ? *c->agent + ", " : "",
        c ? format_local(c->at, TimeStyle::Date) : "?", format_local(p.due, TimeStyle::Date));
}

} // namespace

std::string history_sentence(const Facts& f) {
    const auto n = f.stats.outbound;
    std::string s =
        fmt::format("Since {} I have contacted {} {} ({})",
                    format_local(f.file.kase.opened_at, TimeStyle::Date), f.file.kase.org,
                    n == 1 ? "once" : fmt::format("{} times", n), f.counts);
    std::vector<std::string> spent;
    if (f.stats.talk_s > 0) {
        spent.push_back(format_duration(f.stats.talk_s) + " on the phone");
    }
    if (f.stats.hold_s > 0) {
        spent.push_back(format_duration(f.stats.hold_s) + " on hold");
    }
    if (!spent.empty()) {
        s += ", spending " + join_words(spent);
    }
    return s + ".";
}

// The latest decisive fact: their final response or written refusal, quoted.
std::string decisive_line(const Facts& f, std::string_view sent) {
    const Contact* c = f.cf.ladder.decisive_contact;
    if (c == nullptr || c->direction != Direction::In) {
        return "";
    }
    return fmt::format("On {} {} {}{}.\n\n", format_local(c->at, TimeStyle::Date), sent,
                       c->outcome == Outcome::Final ? "a final response" : "a written refusal",
                       c->note ? fmt::format(": \"{}\"", *c->note) : "");
}

namespace {

// What happens next and when: the regime's regulator, else a claim.
std::string next_step_line(const Facts& f, const std::string& by) {
    const Route& r = f.cf.route;
    if (r.exists) {
        const std::string when = r.open || !r.opens_at || *r.opens_at < f.now
                                     ? by
                                     : format_local(*r.opens_at, TimeStyle::Date);
        return fmt::format("If this is not resolved by {}, I will refer it to {}.", when, r.body);
    }
    return fmt::format("If this is not resolved by {}, I will take further action, which may "
                       "include a claim in the small claims court.",
                       by);
}

} // namespace

std::string promises_block(const Facts& f) {
    if (f.broken.empty()) {
        return "";
    }
    std::string out = fmt::format("I was promised, and none of this happened:\n");
    for (const Promise* p : f.broken) {
        out += promise_line(f, *p) + "\n";
    }
    return out + "\n";
}

std::string refs_line(const Facts& f) {
    return f.refs.empty() ? "" : fmt::format("References: {}.\n\n", fmt::join(f.refs, ", "));
}

namespace {

std::string by_when(const Facts& f, const std::string& channel) {
    const ChannelPolicy* ch = f.policy.find_channel(channel);
    const Timestamp due =
        ch && ch->window > 0 ? f.policy.reply_due(*ch, f.now) : add_local_days(f.now, 14);
    return format_local(due, TimeStyle::Date);
}

} // namespace

std::string timeline_lines(const Facts& f, std::size_t max_lines, std::size_t note_width,
                           std::string_view them) {
    std::vector<std::string> lines;
    for (const auto& c : f.file.contacts) {
        if (c.is_private) {
            continue;
        }
        std::string line =
            fmt::format("- {}: {} {}", format_local(c.at, TimeStyle::Date),
                        c.direction == Direction::Out ? "my" : them, f.cf.noun(c.channel));
        if (c.outcome && !(c.promise_id && *c.outcome == Outcome::Promised) &&
            !outcome_words(*c.outcome).empty()) {
            line += fmt::format(", {}", outcome_words(*c.outcome));
        }
        if (c.promise_id) {
            for (const auto& p : f.file.promises) {
                if (p.id == *c.promise_id) {
                    line += fmt::format(", promised \"{}\"", p.text);
                }
            }
        }
        if (c.note) {
            std::string note = *c.note;
            std::replace(note.begin(), note.end(), '\n', ' ');
            if (code_points(note) > note_width) {
                std::size_t cut = 0;
                std::size_t points = 0;
                while (cut < note.size() && points < note_width) {
                    ++cut;
                    while (cut < note.size() &&
                           (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) {
                        ++cut;
                    }
                    ++points;
                }
                note = note.substr(0, cut) + "...";
            }
            line += ": " + note;
        }
        lines.push_back(line);
    }
    std::string out;
    if (lines.size() > max_lines) {
        // Keep the first and the latest events; the middle is summarised.
        const std::size_t head = max_lines / 2;
        const std::size_t tail = max_lines - head;
        for (std::size_t i = 0; i < head; ++i) {
            out += lines[i] + "\n";
        }
        out += fmt::format("- ... {} more contacts ...\n", lines.size() - max_lines);
        for (std::size_t i = lines.size() - tail; i < lines.size(); ++i) {
            out += lines[i] + "\n";
        }
        return out;
    }
    for (const auto& l : lines) {
        out += l + "\n";
    }
    return out;
}

namespace {

constexpr std::size_t post_limit = 280; // SPEC: a post of at most 280 characters

std::string complaint(const Facts& f, const std::string& channel) {
    const std::string by = by_when(f, channel);
    return fmt::format("Subject: Complaint: {} (since {})\n\n"
                       "Dear {} customer services,\n\n"
                       "I am writing about {}. {} The problem is still not fixed.\n\n"
                       "{}{}{}"
                       "What I want: {}.\n\n"
                       "Please confirm in writing by {} that this has been done. {}\n\n"
                       "Yours faithfully,\n",
                       f.title(), format_local(f.file.kase.opened_at, TimeStyle::Date),
                       f.file.kase.org, f.topic(), history_sentence(f), decisive_line(f),
                       promises_block(f), refs_line(f), f.want(), by, next_step_line(f, by));
}

std::string exec_letter(const Facts& f, const ChannelPolicy& ch) {
    const std::string to = f.org.exec ? parse_exec(*f.org.exec).name : "Chief Executive";
    const std::string by = by_when(f, ch.name);
    return fmt::format("Dear {},\n\n"
                       "I am writing to you directly because {}'s customer service has not "
                       "resolved {} in {}.\n\n"
                       "{}\n\n{}{}"
                       "What happened:\n{}\n"
                       "What I want: {}.\n\n"
                       "I would be grateful if someone in your office would make sure this is done "
                       "by {}. {}\n\n"
                       "Yours sincerely,\n",
                       to, f.file.kase.org, f.topic(),
                       plural(std::max<std::int64_t>(f.stats.days_open, 1), "day"),
                       history_sentence(f), decisive_line(f) + promises_block(f), refs_line(f),
                       timeline_lines(f, 8, 80), f.want(), by, next_step_line(f, by));
}

std::string public_post(const Facts& f) {
    std::vector<std::string> tags = f.org.social;
    std::string exec_name;
    if (f.org.exec) {
        exec_name = parse_exec(*f.org.exec).name;
    }
    const std::string handles =
        tags.empty() ? f.file.kase.org : fmt::format("{}", fmt::join(tags, " "));
    std::vector<std::string> figures;
    const auto calls = f.stats.by_channel.find("call");
    if (calls != f.stats.by_channel.end()) {
        figures.push_back(plural(calls->second, "call"));
    } else if (f.stats.outbound > 0) {
        figures.push_back(plural(f.stats.outbound, "contact"));
    }
    if (f.stats.hold_s >= 60) {
        figures.push_back(format_duration(f.stats.hold_s) + " on hold");
    }
    if (!f.broken.empty()) {
        figures.push_back(plural(static_cast<std::int64_t>(f.broken.size()), "broken promise"));
    }
    figures.push_back(plural(std::max<std::int64_t>(f.stats.days_open, 1), "day"));
    const std::string ask =
        exec_name.empty() ? "Can someone help?" : fmt::format("{}, can you help?", exec_name);
    // From the fullest version down, the first that fits.
    const std::string figs = join_words(figures);
    const std::vector<std::string> versions{
        fmt::format("{}: {}. Still not fixed: {}. All I want: {}. {}", handles, figs, f.title(),
                    f.want(), ask),
        fmt::format("{}: {}. Still not fixed: {}. {}", handles, figs, f.title(), ask),
        fmt::format("{}: {}, still not fixed. {}", handles, figs, ask),
        fmt::format("{}: {}, still not fixed.", handles, figs),
    };
    for (const auto& v : versions) {
        if (code_points(v) <= post_limit) {
            return v;
        }
    }
    // Even the shortest is too long (very long handles): cut it at a word.
    std::string v = versions.back();
    std::size_t cut = 0;
    std::size_t points = 0;
    std::size_t last_space = 0;
    while (cut < v.size() && points < post_limit - 1) {
        if (v[cut] == ' ') {
            last_space = cut;
        }
        ++cut;
        while (cut < v.size() && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) {
            ++cut;
        }
        ++points;
    }
    return v.substr(0, last_space > 0 ? last_space : cut) + "…";
}

// Written in the first person about the company, for a body that has never heard of the case.
std::string call_script(const Facts& f, const ChannelPolicy& ch, bool supervisor) {
    std::int64_t n = 1;
    for (const auto& c : f.file.contacts) {
        n += c.channel == ch.name && c.direction == Direction::Out ? 1 : 0;
    }
    std::string out = fmt::format("What to say on this {}:\n", ch.noun);
    if (supervisor) {
        out += "- (first) \"Please put me through to a supervisor or a manager.\"\n"
               "- (to the supervisor) ";
    } else {
        out += "- ";
    }
    out += fmt::format("\"I'm contacting you about {}. This is my {} {} about it since {}.\"\n",
                       f.topic(), ordinal(n), ch.noun,
                       format_local(f.file.kase.opened_at, TimeStyle::Date));
    for (const Promise* p : f.broken) {
        const Contact* c = f.contact(p->contact_id);
        out += fmt::format("- \"On {}{} promised '{}'. That did not happen.\"\n",
                           c ? format_local(c->at, TimeStyle::Date) : "?",
                           c && c->agent ? ", " + *c->agent : ", you", p->text);
    }
    if (!f.refs.empty()) {
        out += fmt::format("- \"My reference numbers are {}.\"\n", fmt::join(f.refs, ", "));
    }
    out += fmt::format("- \"What I need is this: {}. Can you do that today?\"\n", f.want());
    out += supervisor ? "- \"If you cannot, tell me in writing why, and give me your name and "
                        "a reference number for this call.\"\n"
                      : "- \"If you cannot, please put me through to a supervisor, and give me "
                        "your name and a reference number.\"\n";
    return out;
}

} // namespace

} // namespace engine_detail::drafts

namespace engine_detail {

using namespace drafts;

std::string draft_for(const CaseFacts& cf, const ChannelPolicy& ch) {
    const Facts f = gather(cf);
    switch (words_for(cf, ch).draft) {
    case DraftKind::Script:
        return call_script(f, ch, false);
    case DraftKind::SupervisorScript:
        return call_script(f, ch, true);
    case DraftKind::Complaint:
        return complaint(f, ch.name);
    case DraftKind::ExecLetter:
        return exec_letter(f, ch);
    case DraftKind::Post:
        return public_post(f);
    case DraftKind::Regulator:
        return regulator_summary(f);
    case DraftKind::RegulatorUpdate:
        return regulator_update(f);
    case DraftKind::Chargeback:
        return chargeback_request(f);
    case DraftKind::Demand:
        return demand_letter(f);
    case DraftKind::SmallClaim:
        return small_claim(f);
    }
    return complaint(f, ch.name);
}

} // namespace engine_detail

std::string draft_message(const EngineInput& in, const std::string& channel) {
    return engine_detail::draft_for(engine_detail::gather_facts(in), in.policy.channel(channel));
}

} // namespace escalate
