// thread: numbered posts of at most `limit` code points: a hook with the headline figures and
// the org's handle, one post per key event (the contacts between them summed up), and how it
// ended. Long posts continue in the next one, cut between words.
#include <map>

#include <fmt/format.h>

#include "escalate/text.hpp"
#include "escalate/timeline.hpp"
#include "escape.hpp"

namespace escalate {

using export_detail::one_line;
using export_detail::split_words;

namespace {

// "8 more calls: cut off twice, no answer once"
std::string summarise(const std::vector<const TimelineEvent*>& quiet) {
    std::map<std::string, int> by_noun;
    std::vector<std::string> order;
    for (const auto* e : quiet) {
        if (by_noun[e->noun]++ == 0) {
            order.push_back(e->noun);
        }
    }
    std::vector<std::string> parts;
    for (const auto& noun : order) {
        const int n = by_noun[noun];
        parts.push_back(n == 1 ? fmt::format("1 more {}", noun)
                               : fmt::format("{} more {}s", n, noun));
    }
    std::map<std::string, int> outcomes;
    for (const auto* e : quiet) {
        if (e->contact->outcome) {
            ++outcomes[std::string(to_string(*e->contact->outcome))];
        }
    }
    std::vector<std::string> how;
    for (const auto& [o, n] : outcomes) {
        how.push_back(n == 1 ? o
                             : fmt::format("{} {}", o, n == 2 ? "twice" : fmt::format("x{}", n)));
    }
    const auto first = quiet.front()->day;
    const auto last = quiet.back()->day;
    return fmt::format("{}: {}{}{}",
                       first == last ? fmt::format("Day {}", first)
                                     : fmt::format("Days {}-{}", first, last),
                       fmt::join(parts, ", "), how.empty() ? "" : ": ", fmt::join(how, ", "));
}

std::vector<std::string> bodies(const Timeline& t) {
    std::vector<std::string> out;
    const std::string who =
        t.handles.empty() ? t.kase.org : fmt::format("{}", fmt::join(t.handles, " "));
    out.push_back(fmt::format(
        "{}, {}: {}. {}. A thread.", who, t.kase.title.empty() ? "my complaint" : t.kase.title,
        t.headline, t.kase.status == CaseStatus::Resolved ? "How it got fixed" : "What happened"));
    std::vector<const TimelineEvent*> quiet;
    auto flush = [&] {
        if (!quiet.empty()) {
            out.push_back(summarise(quiet));
            quiet.clear();
        }
    };
    for (const auto& e : t.events) {
        if (e.kind == EventKind::Resolution) {
            continue; // the last post says how it ended
        }
        if (!e.key) {
            quiet.push_back(&e);
            continue;
        }
        flush();
        std::string body = fmt::format("Day {} ({}): {}", e.day,
                                       format_local(e.at, TimeStyle::Date), describe_event(t, e));
        if (e.kind == EventKind::Contact && e.contact->note) {
            body += fmt::format(". \"{}\"", one_line(*e.contact->note));
        }
        out.push_back(body);
    }
    flush();
    out.push_back(one_line(ending(t)));
    return out;
}

} // namespace

std::vector<std::string> thread_posts(const Timeline& t, const ThreadOptions& o) {
    const std::size_t limit = o.network == Network::Limit ? o.limit : 280;
    const auto parts = bodies(t);
    // The "n/N " prefix takes room; N is known only once the posts are cut, so cut again
    // until the count's width stops changing.
    std::size_t digits = 1;
    std::vector<std::string> pieces;
    while (true) {
        const std::size_t prefix = 2 * digits + 2;
        const std::size_t room = limit > prefix + 1 ? limit - prefix : 1;
        pieces.clear();
        for (const auto& part : parts) {
            for (auto& piece : split_words(part, room)) {
                pieces.push_back(std::move(piece));
            }
        }
        const std::size_t width = std::to_string(pieces.size()).size();
        if (width <= digits) {
            break;
        }
        digits = width;
    }
    std::vector<std::string> posts;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        posts.push_back(fmt::format("{}/{} {}", i + 1, pieces.size(), pieces[i]));
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
