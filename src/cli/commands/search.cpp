// escalate search TEXT: find a note, an agent, a reference or a case by its words.
#include <fmt/format.h>

#include "../commands.hpp"

namespace escalate::cli {

namespace {

constexpr int max_hits = 50;

struct SearchOptions {
    std::vector<std::string> words;
};

void run_search(const SearchOptions& o, Context& ctx) {
    std::string text;
    for (const auto& w : o.words) {
        text += (text.empty() ? "" : " ") + w;
    }
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const auto hits = store.search(text, max_hits);
    if (ctx.json()) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& h : hits) {
            list.push_back({{"case_id", h.case_id},
                            {"contact_id", h.contact_id ? nlohmann::ordered_json(*h.contact_id)
                                                        : nlohmann::ordered_json(nullptr)},
                            {"org", h.org},
                            {"snippet", h.snippet}});
        }
        print_json({{"results", list}});
        return;
    }
    if (hits.empty()) {
        if (!ctx.quiet()) {
            fmt::print("Nothing matches \"{}\".\n", text);
        }
        return;
    }
    const Style style = ctx.style();
    for (const auto& h : hits) {
        fmt::print("{}  {}\n",
                   style.bold(h.contact_id ? fmt::format("#{} {} [{}]", h.case_id, visible(h.org),
                                                         *h.contact_id)
                                           : fmt::format("#{} {}", h.case_id, visible(h.org))),
                   clip(h.snippet, 100));
    }
}

} // namespace

Command setup_search(CLI::App& app) {
    auto o = std::make_shared<SearchOptions>();
    CLI::App* sub = app.add_subcommand(
        "search", "Find notes, agents, references and case titles by their words");
    sub->add_option("TEXT", o->words, "Words that must all appear")->required();
    sub->footer("Examples:\n  escalate search refund\n  escalate search collections notice\n"
                "  escalate search PC-448812 --json");
    return {sub, [o](Context& ctx) { run_search(*o, ctx); }};
}

} // namespace escalate::cli
