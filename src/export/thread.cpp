// thread: the story in at most --max-posts numbered posts, each within the network's own
// length (post_length.hpp): a hook with every headline figure and the org's handles, a post per
// key event while there is room (the contacts between them summed up), and how it ended. When
// the key events do not fit, the least telling join the summaries until they do.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "escalate/text.hpp"
#include "escalate/timeline.hpp"
#include "escalate/words.hpp"
#include "escape.hpp"
#include "post_length.hpp"

namespace escalate {

using export_detail::fit_post;
using export_detail::one_line;
using export_detail::post_length;
using export_detail::post_max;
using export_detail::post_text;
using export_detail::split_post;

namespace {

// A note can be megabytes; no post needs more than this of it.
constexpr std::size_t max_body_bytes = 8000;

std::string times(int n) {
    return n == 1 ? "" : n == 2 ? " twice" : fmt::format(" {} times", n);
}

// An outcome counted in words, as the md tells it: "cut off twice", "3 stock replies".
std::string outcome_count(Outcome o, int n) {
    switch (o) {
    case Outcome::StockReply:
        return n == 1 ? "a stock reply" : plural(n, "stock reply");
    case Outcome::Asked:
        return n == 1 ? "a request to me" : plural(n, "request") + " to me";
    case Outcome::Final:
        return n == 1 ? "their final response" : plural(n, "final response");
    case Outcome::Denied:
        return n == 1 ? "a written refusal" : plural(n, "written refusal");
    case Outcome::Promised:
        return ""; // told by the promises
    default:
        break;
    }
    const std::string words = outcome_words(o);
    return words.empty() ? "" : words + times(n);
}

// How much an event tells, to choose which keep a post of their own when not all can.
int weight_of(const Timeline& t, const TimelineEvent& e) {
    if (e.kind == EventKind::PromiseBroken) {
        return 7;
    }
    const Contact& c = *e.contact;
    if (c.outcome == Outcome::Resolved) {
        return 9;
    }
    if (&e == &t.events.front()) {
        return 8;
    }
    if (c.direction == Direction::Out && e.tier >= 3) {
        return 8; // going public, to the executives or to a regulator: a turn in the story
    }
    if (e.promise != nullptr) {
        return 6;
    }
    if (c.outcome == Outcome::Refused || c.outcome == Outcome::Denied ||
        c.outcome == Outcome::Final || c.outcome == Outcome::Escalated) {
        return 5;
    }
    return c.direction == Direction::In ? 3 : 2;
}

// A stretch of the story: one key event told in full, or a run of events summed up.
struct Item {
    std::vector<const TimelineEvent*> events;
    bool summary = false;
    int weight = 0;
};

// "Days 32-49 (Fri 2 Oct 2026 to Mon 19 Oct 2026), calls 4 to 9: 6 calls, 1 h 40 min on hold
// (cut off twice, transferred once); 2 letters from Meterco; 1 promise broken."
enum class RunDetail { Full, Brief }; // Brief: no dates, no outcomes, for a run too long to tell

std::string summarise(const Timeline& t, const Item& run,
                      const std::map<const Contact*, int>& call_number, RunDetail detail) {
    const auto& first = *run.events.front();
    const auto& last = *run.events.back();
    std::string when =
        detail == RunDetail::Brief
            ? (first.day == last.day ? fmt::format("Day {}", first.day)
                                     : fmt::format("Days {}-{}", first.day, last.day))
        : first.day == last.day
            ? fmt::format("Day {} ({})", first.day, format_local(first.at, TimeStyle::Date))
            : fmt::format("Days {}-{} ({} to {})", first.day, last.day,
                          format_local(first.at, TimeStyle::Date),
                          format_local(last.at, TimeStyle::Date));
    std::vector<std::pair<std::string, int>> out_nouns;
    std::vector<std::pair<std::string, int>> in_nouns;
    std::vector<std::pair<Outcome, int>> out_outcomes;
    std::vector<std::pair<Outcome, int>> in_outcomes;
    auto count = [](auto& list, const auto& key) {
        auto it =
            std::find_if(list.begin(), list.end(), [&](const auto& p) { return p.first == key; });
        if (it == list.end()) {
            list.emplace_back(key, 1);
        } else {
            ++it->second;
        }
    };
    Seconds hold = 0;
    int made = 0;
    int broken = 0;
    int first_call = 0;
    int last_call = 0;
    int calls = 0;
    for (const auto* e : run.events) {
        if (e->kind == EventKind::PromiseBroken) {
            ++broken;
            continue;
        }
        if (e->kind != EventKind::Contact) {
            continue;
        }
        const Contact& c = *e->contact;
        made += e->promise != nullptr ? 1 : 0;
        hold += c.hold_s.value_or(0);
        count(c.direction == Direction::Out ? out_nouns : in_nouns, e->noun);
        if (c.outcome) {
            count(c.direction == Direction::Out ? out_outcomes : in_outcomes, *c.outcome);
        }
        if (const auto it = call_number.find(&c); it != call_number.end()) {
            first_call = calls == 0 ? it->second : first_call;
            last_call = it->second;
            ++calls;
        }
    }
    if (calls >= 2 && last_call - first_call + 1 == calls) {
        when += fmt::format(", calls {} to {}", first_call, last_call);
    }
    std::vector<std::string> parts;
    std::vector<std::string> mine;
    for (const auto& [noun, n] : out_nouns) {
        mine.push_back(plural(n, noun));
    }
    if (hold > 0) {
        mine.push_back(format_duration(hold) + " on hold");
    }
    // "(cut off twice, a stock reply)"
    auto how = [detail](const std::vector<std::pair<Outcome, int>>& outcomes) {
        std::vector<std::string> words;
        if (detail == RunDetail::Brief) {
            return std::string();
        }
        for (const auto& entry : outcomes) {
            if (auto w = outcome_count(entry.first, entry.second); !w.empty()) {
                words.push_back(std::move(w));
            }
        }
        return words.empty() ? std::string() : fmt::format(" ({})", fmt::join(words, ", "));
    };
    if (!mine.empty()) {
        parts.push_back(fmt::format("{}{}", fmt::join(mine, ", "), how(out_outcomes)));
    }
    if (!in_nouns.empty()) {
        std::vector<std::string> theirs;
        for (const auto& [noun, n] : in_nouns) {
            theirs.push_back(plural(n, noun));
        }
        parts.push_back(
            fmt::format("{} from {}{}", fmt::join(theirs, ", "), t.kase.org, how(in_outcomes)));
    }
    if (made > 0) {
        parts.push_back(plural(made, "promise") + " made");
    }
    if (broken > 0) {
        parts.push_back(plural(broken, "promise") + " broken");
    }
    return fmt::format("{}: {}.", when, fmt::join(parts, "; "));
}

std::string tell(const Timeline& t, const TimelineEvent& e) {
    std::string body = fmt::format("Day {} ({}): {}", e.day, format_local(e.at, TimeStyle::Date),
                                   describe_event(t, e));
    if (e.kind == EventKind::Contact && e.contact->note) {
        body += fmt::format(". \"{}\"", one_line(*e.contact->note));
    }
    return body;
}

// The key events each in a post, the rest in runs; then the least telling key events join
// the runs until at most `budget` items remain.
std::vector<Item> plan(const Timeline& t, std::size_t budget) {
    std::vector<Item> items;
    for (const auto& e : t.events) {
        if (e.kind == EventKind::Resolution) {
            continue; // the last post says how it ended
        }
        if (e.key) {
            items.push_back({{&e}, false, weight_of(t, e)});
        } else if (!items.empty() && items.back().summary) {
            items.back().events.push_back(&e);
        } else {
            items.push_back({{&e}, true, 0});
        }
    }
    while (items.size() > budget) {
        std::size_t pick = items.size();
        auto score = [&](std::size_t i) {
            const int neighbours = (i > 0 && items[i - 1].summary ? 1 : 0) +
                                   (i + 1 < items.size() && items[i + 1].summary ? 1 : 0);
            // Among the least telling, one that joins no more runs than needed.
            const int needed = static_cast<int>(items.size() - budget);
            return std::tuple(items[i].weight, std::max(0, neighbours - needed), -neighbours);
        };
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!items[i].summary && (pick == items.size() || score(i) < score(pick))) {
                pick = i;
            }
        }
        if (pick == items.size()) {
            items.clear(); // no room for any of the middle of the story
            break;
        }
        items[pick].summary = true;
        // Join the neighbouring runs.
        if (pick + 1 < items.size() && items[pick + 1].summary) {
            auto& into = items[pick].events;
            into.insert(into.end(), items[pick + 1].events.begin(), items[pick + 1].events.end());
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(pick) + 1);
        }
        if (pick > 0 && items[pick - 1].summary) {
            auto& into = items[pick - 1].events;
            into.insert(into.end(), items[pick].events.begin(), items[pick].events.end());
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(pick));
        }
    }
    return items;
}

std::string capped(std::string s) {
    if (s.size() > max_body_bytes) {
        std::size_t cut = max_body_bytes;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        s.resize(cut);
    }
    return post_text(s);
}

// The first post: handles and every headline figure; the title and the call to read on only
// while they fit.
std::vector<std::string> hook(const Timeline& t, std::size_t room, const ThreadOptions& o) {
    const std::string who =
        t.handles.empty() ? t.kase.org : fmt::format("{}", fmt::join(t.handles, " "));
    const std::string title =
        capped(one_line(t.kase.title.empty() ? "my complaint" : t.kase.title));
    const std::string invite =
        t.kase.status == CaseStatus::Resolved ? "How it got fixed" : "What happened";
    const std::string head = capped(one_line(who));
    const std::string figures = post_text(t.headline);
    for (const auto& candidate :
         {fmt::format("{}, {}: {}. {}. A thread.", head, title, figures, invite),
          fmt::format("{}, {}: {}.", head, title, figures)}) {
        if (post_length(candidate, o) <= room) {
            return {candidate};
        }
    }
    const std::string bare = fmt::format("{}: {}.", head, figures);
    const std::size_t bare_length = post_length(bare, o);
    if (bare_length + 6 < room) {
        std::string shorter = fit_post(title, room - bare_length - 2, o);
        std::string candidate = fmt::format("{}, {}: {}.", head, shorter, figures);
        if (post_length(candidate, o) <= room) {
            return {candidate};
        }
    }
    if (bare_length <= room) {
        return {bare};
    }
    return split_post(bare, room, o); // a post too small for the figures: they continue
}

// Pieces of `text` in at most `posts` posts; the last cut short with "…" when it does not fit.
std::vector<std::string> within(const std::string& text, std::size_t posts, std::size_t room,
                                const ThreadOptions& o) {
    auto pieces = split_post(text, room, o);
    if (pieces.size() <= posts) {
        return pieces;
    }
    // What the kept pieces did not take: pieces are whole words joined by one space, or parts
    // of one word.
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < posts; ++i) {
        at += pieces[i].size();
        if (at < text.size() && text[at] == ' ') {
            ++at;
        }
    }
    pieces.resize(posts - 1);
    pieces.push_back(fit_post(std::string_view(text).substr(at), room, o));
    return pieces;
}

} // namespace

std::vector<std::string> thread_posts(const Timeline& t, const ThreadOptions& o) {
    const std::size_t max_posts = std::max<std::size_t>(o.max_posts, 1);
    // Room for "n/N " at the widest N the thread may reach.
    const std::size_t prefix = 2 * std::to_string(max_posts).size() + 2;
    const std::size_t room = post_max(o) > prefix + 1 ? post_max(o) - prefix : 1;

    std::vector<std::string> bodies = hook(t, room, o);
    const std::string end = capped(one_line(ending(t)));
    if (max_posts == 1 || bodies.size() >= max_posts) {
        bodies.resize(std::min(bodies.size(), max_posts));
        const std::string both = bodies.back() + " " + end;
        if (bodies.size() == 1 && post_length(both, o) <= room) {
            bodies.back() = both;
        }
    } else {
        const std::size_t budget = max_posts - bodies.size() - 1;
        std::map<const Contact*, int> call_number;
        for (const auto& c : t.contacts) {
            if (c.direction == Direction::Out && c.channel == "call") {
                call_number.emplace(&c, static_cast<int>(call_number.size()) + 1);
            }
        }
        const auto items = plan(t, budget);
        std::size_t spare = budget - items.size();
        for (const auto& item : items) {
            std::string text =
                capped(item.summary ? summarise(t, item, call_number, RunDetail::Full)
                                    : tell(t, *item.events.front()));
            if (item.summary && post_length(text, o) > room) {
                text = summarise(t, item, call_number, RunDetail::Brief);
            }
            const auto pieces = within(text, 1 + spare, room, o);
            spare -= pieces.size() - 1;
            bodies.insert(bodies.end(), pieces.begin(), pieces.end());
        }
        bodies.push_back(fit_post(end, room, o));
    }
    std::vector<std::string> posts;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        posts.push_back(fmt::format("{}/{} {}", i + 1, bodies.size(), bodies[i]));
    }
    return posts;
}

std::string render_thread(const Timeline& t, const ThreadOptions& o) {
    std::string out;
    for (const auto& post : thread_posts(t, o)) {
        out += (out.empty() ? "" : "\n") + post + "\n";
    }
    return out;
}

} // namespace escalate
