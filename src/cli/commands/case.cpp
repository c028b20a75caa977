// escalate case edit CASE: change a case's title, wanted outcome, tags and facts (incident,
// payment, country, sector, amount, currency, order reference) after it was opened.
#include <algorithm>

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
    std::optional<std::string> title, want, incident, paid_by, country, sector, amount, currency,
        order_ref;
    std::vector<std::string> tags, untags;
};

// The case's tag equal to `tag`, compared as the log compares names (case-insensitively).
std::vector<std::string>::iterator find_tag(std::vector<std::string>& tags,
                                            const std::string& tag) {
    return std::find_if(tags.begin(), tags.end(),
                        [&](const std::string& t) { return case_fold(t) == case_fold(tag); });
}

// "" clears an optional fact; anything else is checked and set.
void set_or_clear(std::optional<std::string>& field, const std::optional<std::string>& value,
                  const std::optional<std::string>& checked) {
    if (value) {
        field = value->empty() ? std::nullopt : checked;
    }
}

void run_case_edit(const CaseEditOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const bool changing = o.title || o.want || o.incident || o.paid_by || o.country || o.sector ||
                          o.amount || o.currency || o.order_ref || !o.tags.empty() ||
                          !o.untags.empty();
    if (!changing) {
        throw UsageError("nothing to change: give --title, --want, --tag, --untag, --incident, "
                         "--paid-by, --country, --sector, --amount, --currency or --order-ref");
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
    std::optional<Timestamp> incident;
    if (o.incident && !o.incident->empty()) {
        incident = time_flag("--incident", *o.incident, now, TimeRole::At);
    }
    std::optional<PaidBy> paid_by;
    if (o.paid_by && !o.paid_by->empty()) {
        paid_by = paid_by_from(*o.paid_by);
        if (!paid_by) {
            throw UsageError(
                fmt::format("--paid-by \"{}\": accepted: card, debit, cash, other", *o.paid_by));
        }
    }
    for (const auto& tag : o.tags) {
        check_text("--tag", tag, Lines::Single, 100);
        if (tag.empty()) {
            throw UsageError("--tag \"\": a tag needs a word; --untag X removes one");
        }
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
    if (o.incident) {
        k.incident_at = incident;
    }
    if (o.paid_by) {
        k.paid_by = paid_by;
    }
    for (const auto& tag : o.untags) {
        const auto found = find_tag(k.tags, tag);
        if (found == k.tags.end()) {
            throw UsageError(fmt::format(
                "--untag \"{}\": case #{} has no such tag; its tags: {}", visible(tag), k.id,
                k.tags.empty() ? std::string("none")
                               : visible(fmt::format("{}", fmt::join(k.tags, ", ")))));
        }
        k.tags.erase(found);
    }
    for (const auto& tag : o.tags) {
        if (find_tag(k.tags, tag) == k.tags.end()) {
            k.tags.push_back(tag);
        }
    }
    store.update_case(k);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    tx.commit(fmt::format("edit case #{} ({})", k.id, k.org));

    if (ctx.json()) {
        print_json(to_json(ca.file, ctx.policy(), now));
    } else if (!ctx.quiet()) {
        // What changed, in the order of the flags; the rules only when a fact that picks them did.
        std::vector<std::string_view> changed;
        const std::pair<bool, std::string_view> flags[] = {
            {bool(o.title), "title"},
            {bool(o.want), "want"},
            {!o.tags.empty() || !o.untags.empty(), "tags"},
            {bool(o.incident), "incident"},
            {bool(o.paid_by), "paid by"},
            {bool(o.country), "country"},
            {bool(o.sector), "sector"},
            {bool(o.amount), "amount"},
            {bool(o.currency), "currency"},
            {bool(o.order_ref), "order ref"}};
        for (const auto& [was_given, name] : flags) {
            if (was_given) {
                changed.push_back(name);
            }
        }
        fmt::print("Changed case #{} ({}): {}{}\n", k.id, visible(k.org), fmt::join(changed, ", "),
                   o.country || o.sector
                       ? fmt::format("; now under {}", ctx.policy().regime_for(k).label)
                       : "");
        if (const std::string line = next_line(ca.advice, ctx.style()); !line.empty()) {
            fmt::print("{}\n", line);
        }
    }
}

} // namespace

Command setup_case(CLI::App& app) {
    auto o = std::make_shared<CaseEditOptions>();
    CLI::App* sub = app.add_subcommand("case", "Change a case: its title, want, tags and facts");
    sub->require_subcommand(1);
    CLI::App* edit = sub->add_subcommand("edit", "Change only the flags given; \"\" clears one");
    edit->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    edit->add_option("--title", o->title, "What the case is about")->type_name("T");
    edit->add_option("--want", o->want, "The outcome you want")->type_name("W");
    edit->add_option("--tag", o->tags, "Add a tag; repeat for more")->type_name("X");
    edit->add_option("--untag", o->untags, "Remove a tag; repeat for more")->type_name("X");
    edit->add_option("--incident", o->incident,
                     "When the problem happened (purchase, charge), for deadline clocks")
        ->type_name("WHEN");
    edit->add_option("--paid-by", o->paid_by, "card, debit, cash or other (chargeback clocks)")
        ->type_name("HOW");
    edit->add_option("--country", o->country, "ISO 3166 code: GB, US, FR")->type_name("CC");
    edit->add_option("--sector", o->sector, "energy, telecom, bank, card, ... (see open --help)")
        ->type_name("S");
    edit->add_option("--amount", o->amount, "The sum at stake: 412.00")->type_name("N");
    edit->add_option("--currency", o->currency, "ISO 4217 code: GBP, USD, EUR")->type_name("CUR");
    edit->add_option("--order-ref", o->order_ref, "Order or transaction reference")
        ->type_name("REF");
    sub->footer("Examples:\n  escalate case edit 12 --country GB --sector energy\n"
                "  escalate case edit sofaland --amount 1240 --currency USD --order-ref SF-2231\n"
                "  escalate case edit 12 --tag energy --untag urgent\n"
                "  escalate case edit 12 --incident 2026-10-03 --paid-by card\n"
                "  escalate case edit 12 --sector \"\"     (clears it)");
    return {sub, [o](Context& ctx) { run_case_edit(*o, ctx); }};
}

} // namespace escalate::cli
