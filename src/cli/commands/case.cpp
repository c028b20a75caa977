// escalate case edit CASE: change a case's title, wanted outcome and facts (country, sector,
// amount, currency, order reference) after it was opened.
#include <fmt/format.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

namespace {

struct CaseEditOptions {
    std::optional<std::string> case_ref;
    std::optional<std::string> title, want, country, sector, amount, currency, order_ref;
};

// "" clears an optional fact; anything else is checked and set.
void set_or_clear(std::optional<std::string>& field, const std::optional<std::string>& value,
                  const std::optional<std::string>& checked) {
    if (value) {
        field = value->empty() ? std::nullopt : checked;
    }
}

void run_case_edit(const CaseEditOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const bool changing =
        o.title || o.want || o.country || o.sector || o.amount || o.currency || o.order_ref;
    if (!changing) {
        throw UsageError("nothing to change: give --title, --want, --country, --sector, "
                         "--amount, --currency or --order-ref");
    }
    // Check every value before opening the log: a bad one writes nothing.
    Case checked;
    auto given = [](const std::optional<std::string>& v) {
        return v && !v->empty() ? v : std::nullopt;
    };
    set_case_facts(checked, given(o.country), given(o.sector), given(o.amount), given(o.currency),
                   given(o.order_ref), ctx.policy());
    if (o.title) {
        check_text("--title", *o.title, Lines::Single);
    }
    if (o.want) {
        check_text("--want", *o.want, Lines::Multi);
    }

    Store& store = ctx.store(Access::Write);
    auto tx = store.write("case edit", now);
    Case k = ctx.case_or_default(store, o.case_ref);
    if (o.title) {
        k.title = *o.title;
    }
    set_or_clear(k.want, o.want,
                 o.want ? std::optional(normalise_newlines(*o.want)) : std::nullopt);
    set_or_clear(k.country, o.country, checked.country);
    set_or_clear(k.sector, o.sector, checked.sector);
    set_or_clear(k.amount, o.amount, checked.amount);
    set_or_clear(k.currency, o.currency, checked.currency);
    set_or_clear(k.order_ref, o.order_ref, checked.order_ref);
    store.update_case(k);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    tx.commit(fmt::format("edit case #{} ({})", k.id, k.org));

    if (ctx.json()) {
        print_json(to_json(ca.file, ctx.policy(), now));
    } else if (!ctx.quiet()) {
        fmt::print("Changed case #{} ({}): now under {}\n", k.id, k.org,
                   ctx.policy().regime_for(k).label);
        if (const std::string line = next_line(ca.advice, ctx.style()); !line.empty()) {
            fmt::print("{}\n", line);
        }
    }
}

} // namespace

Command setup_case(CLI::App& app) {
    auto o = std::make_shared<CaseEditOptions>();
    CLI::App* sub = app.add_subcommand("case", "Change a case: its title, want and facts");
    sub->require_subcommand(1);
    CLI::App* edit = sub->add_subcommand("edit", "Change only the flags given; \"\" clears one");
    edit->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    edit->add_option("--title", o->title, "What the case is about")->type_name("T");
    edit->add_option("--want", o->want, "The outcome you want")->type_name("W");
    edit->add_option("--country", o->country, "ISO 3166 code: GB, US, FR")->type_name("CC");
    edit->add_option("--sector", o->sector, "energy, telecom, bank, card, ... (see open --help)")
        ->type_name("S");
    edit->add_option("--amount", o->amount, "The sum at stake: 412.00")->type_name("N");
    edit->add_option("--currency", o->currency, "ISO 4217 code: GBP, USD, EUR")->type_name("CUR");
    edit->add_option("--order-ref", o->order_ref, "Order or transaction reference")
        ->type_name("REF");
    sub->footer("Examples:\n  escalate case edit 12 --country GB --sector energy\n"
                "  escalate case edit sofaland --amount 1240 --currency USD --order-ref SF-2231\n"
                "  escalate case edit 12 --sector \"\"     (clears it)");
    return {sub, [o](Context& ctx) { run_case_edit(*o, ctx); }};
}

} // namespace escalate::cli
