// escalate search TEXT: find a note, an agent, a reference, a promise or a case by its words.
#include <fmt/format.h>

#include "../commands.hpp"

namespace escalate::cli {

namespace {

constexpr int max_hits = 50;
// As grep and rg: a search that finds nothing is exit 1, with no error message.
constexpr int exit_no_match = 1;

struct SearchOptions {
    std::vector<std::string> words;
    std::optional<std::string> case_ref;
    std::optional<std::string> org;
};

nlohmann::ordered_json id_or_null(const std::optional<std::int64_t>& id) {
    return id ? nlohmann::ordered_json(*id) : nlohmann::ordered_json(nullptr);
}

// "#12 Skyways [5]" for a contact, "#12 Skyways promise 3" for a promise, "#12 Skyways" for the
// case's own text.
std::string where_found(const SearchHit& h) {
    std::string where = fmt::format("#{} {}", h.case_id, visible(h.org));
    if (h.contact_id) {
        where += fmt::format(" [{}]", *h.contact_id);
    } else if (h.promise_id) {
        where += fmt::format(" promise {}", *h.promise_id);
    }
    return where;
}

void run_search(const SearchOptions& o, Context& ctx) {
    std::string text;
    for (const auto& w : o.words) {
        text += (text.empty() ? "" : " ") + w;
    }
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    SearchFilter filter;
    if (o.case_ref) {
        filter.case_id = store.resolve_case(*o.case_ref).id;
    }
    filter.org = o.org;
    const auto hits = store.search(text, filter, max_hits);
    if (hits.empty()) {
        ctx.exit_with(exit_no_match);
    }
    if (ctx.json()) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& h : hits) {
            list.push_back({{"case_id", h.case_id},
                            {"contact_id", id_or_null(h.contact_id)},
                            {"promise_id", id_or_null(h.promise_id)},
                            {"org", h.org},
                            {"snippet", h.snippet}});
        }
        print_json({{"results", list}});
        return;
    }
    if (hits.empty()) {
        if (!ctx.quiet()) {
            fmt::print("Nothing matches \"{}\".\n", visible(text));
        }
        return;
    }
    const Style style = ctx.style();
    for (const auto& h : hits) {
        fmt::print("{}  {}\n", style.bold(where_found(h)), clip(h.snippet, 100));
    }
}

} // namespace

Command setup_search(CLI::App& app) {
    auto o = std::make_shared<SearchOptions>();
    CLI::App* sub = app.add_subcommand(
        "search", "Find notes, agents, references, promises and cases by their words");
    sub->add_option("TEXT", o->words, "Words that must all appear, each as the start of a word")
        ->required();
    sub->add_option("--case", o->case_ref, "Only this case: 12, #12 or an org name prefix")
        ->type_name("CASE");
    sub->add_option("--org", o->org, "Only cases against this org (name prefix)")->type_name("ORG");
    sub->footer("Exit status 1 when nothing matches, as grep.\n\n"
                "Examples:\n  escalate search refun\n  escalate search NW-552\n"
                "  escalate search --org skyways refund\n"
                "  escalate search collections notice --case 12\n"
                "  escalate search PC-448812 --json");
    return {sub, [o](Context& ctx) { run_search(*o, ctx); }};
}

} // namespace escalate::cli
