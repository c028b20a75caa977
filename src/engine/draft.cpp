// Drafts (SPEC 4.5): ready-to-send messages written from the case log: a complaint (email,
// form, letter), an executive letter under a page, a public post of at most 280 characters,
// a regulator summary with the whole history, a chargeback request, and a script for a call.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "escalate/text.hpp"
#include "internal.hpp"

namespace escalate {

using namespace engine_detail;

namespace {

constexpr std::size_t post_limit = 280; // SPEC: a post of at most 280 characters

struct Facts {
    const CaseFile& file;
    const Org& org;
    const Policy& policy;
    Timestamp now;
    CaseStats stats;
    std::string counts; // "12 calls and 4 letters"
    std::vector<std::string> refs;
    std::vector<const Promise*> broken;

    [[nodiscard]] std::string topic() const {
        return file.kase.title.empty() ? "my complaint" : file.kase.title;
    }
    [[nodiscard]] std::string want() const {
        return file.kase.want ? *file.kase.want : "this to be put right";
    }
    [[nodiscard]] const Contact* contact(std::int64_t id) const {
        for (const auto& c : file.contacts) {
            if (c.id == id) {
                return &c;
            }
        }
        return nullptr;
    }
};

Facts gather(const EngineInput& in) {
    Facts f{in.file, in.org, in.policy, in.now, compute_stats(in.file, in.policy, in.now),
            "",      {},     {}};
    // What the person did: outbound contacts per channel, in the order first used.
    std::vector<std::string> parts;
    for (const auto& [channel, n] : outbound_by_channel(in.file)) {
        const ChannelPolicy* ch = in.policy.find_channel(channel);
        parts.push_back(counted(n, ch ? ch->noun : channel));
    }
    f.counts = join_words(parts);
    std::set<std::string> seen;
    for (const auto& c : in.file.contacts) {
        if (c.ref && seen.insert(*c.ref).second) {
            f.refs.push_back(*c.ref);
        }
    }
    for (const auto& p : in.file.promises) {
        if (counts_as_broken(p, in.policy, in.now)) {
            f.broken.push_back(&p);
        }
    }
    return f;
}

std::string promise_line(const Facts& f, const Promise& p) {
    const Contact* c = f.contact(p.contact_id);
    return fmt::format(
        "- \"{}\" ({}{}, due {}): not kept", p.text, c && c->agent ? *c->agent + ", " : "",
        c ? format_local(c->at, TimeStyle::Date) : "?", format_local(p.due, TimeStyle::Date));
}

std::string history_sentence(const Facts& f) {
    std::string s = fmt::format("Since {} I have contacted {} {} times ({})",
                                format_local(f.file.kase.opened_at, TimeStyle::Date),
                                f.file.kase.org, f.stats.outbound, f.counts);
    if (f.stats.talk_s > 0 || f.stats.hold_s > 0) {
        s += fmt::format(", spending {} on the phone and {} on hold",
                         format_duration(f.stats.talk_s), format_duration(f.stats.hold_s));
    }
    return s + ".";
}

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

std::string by_when(const Facts& f, const std::string& channel) {
    const ChannelPolicy* ch = f.policy.find_channel(channel);
    const Timestamp due =
        ch && ch->window > 0 ? f.policy.reply_due(*ch, f.now) : add_local_days(f.now, 14);
    return format_local(due, TimeStyle::Date);
}

std::string complaint(const Facts& f, const std::string& channel, std::string_view closing) {
    return fmt::format("Subject: Complaint: {} (since {})\n\n"
                       "Dear {} customer services,\n\n"
                       "I am writing about {}. {} The problem is still not fixed.\n\n"
                       "{}{}"
                       "What I want: {}.\n\n"
                       "Please confirm in writing by {} that this has been done. {}\n\n"
                       "Yours faithfully,\n",
                       f.topic(), format_local(f.file.kase.opened_at, TimeStyle::Date),
                       f.file.kase.org, f.topic(), history_sentence(f), promises_block(f),
                       refs_line(f), f.want(), by_when(f, channel), closing);
}

std::string timeline_lines(const Facts& f, std::size_t max_lines, std::size_t note_width) {
    std::vector<std::string> lines;
    for (const auto& c : f.file.contacts) {
        if (c.is_private) {
            continue;
        }
        std::string line = fmt::format("- {}: {} {}", format_local(c.at, TimeStyle::Date),
                                       c.direction == Direction::Out ? "my" : "your", c.channel);
        if (c.outcome && !(c.promise_id && *c.outcome == Outcome::Promised)) {
            line += fmt::format(", {}", to_string(*c.outcome));
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

std::string exec_letter(const Facts& f) {
    const std::string to = f.org.exec ? parse_exec(*f.org.exec).name : "Chief Executive";
    return fmt::format("Dear {},\n\n"
                       "I am writing to you directly because {}'s customer service has not "
                       "resolved my complaint about {} in {} days.\n\n"
                       "{}\n\n{}{}"
                       "What happened:\n{}\n"
                       "What I want: {}.\n\n"
                       "I would be grateful if someone in your office would make sure this is done "
                       "by {}.\n\n"
                       "Yours sincerely,\n",
                       to, f.file.kase.org, f.topic(), f.stats.days_open, history_sentence(f),
                       promises_block(f), refs_line(f), timeline_lines(f, 8, 80), f.want(),
                       by_when(f, "exec"));
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
        figures.push_back(fmt::format("{} call{}", calls->second, calls->second == 1 ? "" : "s"));
    } else if (f.stats.outbound > 0) {
        figures.push_back(fmt::format("{} contacts", f.stats.outbound));
    }
    if (f.stats.hold_s >= 60) {
        figures.push_back(format_duration(f.stats.hold_s) + " on hold");
    }
    if (!f.broken.empty()) {
        figures.push_back(
            fmt::format("{} broken promise{}", f.broken.size(), f.broken.size() == 1 ? "" : "s"));
    }
    figures.push_back(
        fmt::format("{} day{}", f.stats.days_open, f.stats.days_open == 1 ? "" : "s"));
    const std::string ask =
        exec_name.empty() ? "Can someone help?" : fmt::format("{}, can you help?", exec_name);
    // From the fullest version down, the first that fits.
    const std::string figs = join_words(figures);
    const std::vector<std::string> versions{
        fmt::format("{}: {}. Still not fixed: {}. All I want: {}. {}", handles, figs, f.topic(),
                    f.want(), ask),
        fmt::format("{}: {}. Still not fixed: {}. {}", handles, figs, f.topic(), ask),
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

std::string regulator_summary(const Facts& f) {
    const std::string body = f.org.regulator ? *f.org.regulator : "the regulator or ombudsman";
    std::string tiers;
    std::set<int> tried;
    for (const auto& c : f.file.contacts) {
        if (c.direction == Direction::Out) {
            tried.insert(f.policy.tier_of(c.channel));
        }
    }
    for (int t : tried) {
        tiers += (tiers.empty() ? "" : ", ") + f.policy.tier(t).name;
    }
    return fmt::format(
        "Complaint about {}: summary for {}\n\n"
        "Subject: {}\n"
        "Complaint first made: {} ({} days ago)\n"
        "Contacts with {}: {} in all, {} of them mine ({}); {} on the phone, {} on hold\n"
        "Promises made: {}; broken: {}\n"
        "Escalation so far: {}\n\n"
        "{}{}"
        "Full history:\n{}\n"
        "Outcome sought: {}.\n",
        f.file.kase.org, body, f.topic(), format_local(f.file.kase.opened_at, TimeStyle::Date),
        f.stats.days_open, f.file.kase.org, f.stats.contacts, f.stats.outbound, f.counts,
        format_duration(f.stats.talk_s), format_duration(f.stats.hold_s), f.stats.promises_made,
        f.stats.promises_broken, tiers.empty() ? "none yet" : tiers, promises_block(f),
        refs_line(f), timeline_lines(f, 1000, 200), f.want());
}

std::string chargeback_request(const Facts& f) {
    return fmt::format("To: my card issuer, disputes team\n\n"
                       "I dispute a payment to {}{}. {} has not provided what I paid for and has "
                       "not put it right: {}\n\n{}"
                       "I ask you to raise a chargeback for this payment.\n",
                       f.file.kase.org,
                       f.file.kase.incident_at
                           ? " made on " + format_local(*f.file.kase.incident_at, TimeStyle::Date)
                           : "",
                       f.file.kase.org, history_sentence(f), promises_block(f));
}

std::string call_script(const Facts& f, const ChannelPolicy& ch) {
    std::int64_t n = 1;
    for (const auto& c : f.file.contacts) {
        n += c.channel == ch.name && c.direction == Direction::Out ? 1 : 0;
    }
    std::string out = fmt::format("What to say on this {}:\n"
                                  "- \"I'm contacting you about {}. This is my {} {} about it "
                                  "since {}.\"\n",
                                  ch.noun, f.topic(), ordinal(n), ch.noun,
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
    out += "- \"If you cannot, please put me through to a supervisor, and give me your name and "
           "a reference number.\"\n";
    return out;
}

} // namespace

std::string draft_message(const EngineInput& in, const std::string& channel) {
    const Facts f = gather(in);
    const ChannelPolicy& ch = in.policy.channel(channel);
    if (ch.name == "exec") {
        return exec_letter(f);
    }
    if (ch.name == "social" || ch.name == "dm" || ch.name == "review") {
        return public_post(f);
    }
    if (ch.name == "regulator") {
        return regulator_summary(f);
    }
    if (ch.name == "legal") {
        return complaint(f, ch.name,
                         "This is a letter before action: if it has not been done by then, I will "
                         "start a claim in the small claims court without further notice.");
    }
    if (ch.name == "chargeback") {
        return chargeback_request(f);
    }
    if (ch.sync == Sync::Synchronous) {
        return call_script(f, ch);
    }
    return complaint(f, ch.name, "If it has not, I will take this complaint further.");
}

} // namespace escalate
