// escalate open ORG: start a case.
#include <fmt/format.h>

#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

namespace {

struct OpenOptions {
    std::string org;
    std::string title;
    std::optional<std::string> want, at, incident, paid_by;
    std::optional<std::string> country, sector, amount, currency, order_ref;
    std::vector<std::string> tags;
};

void run_open(const OpenOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    check_text("the org name", o.org, Lines::Single, 200);
    if (o.org.find_first_not_of(" \t") == std::string::npos) {
        throw UsageError("the org name is empty; name the company: escalate open Meterco");
    }
    check_text("--title", o.title, Lines::Single);
    Case k;
    k.org = o.org;
    k.title = o.title;
    if (o.want) {
        const std::string want = normalise_newlines(*o.want);
        check_text("--want", want, Lines::Multi);
        k.want = want.empty() ? std::nullopt : std::optional<std::string>(want);
    }
    k.opened_at = o.at ? time_flag("--at", *o.at, now, TimeRole::At) : now;
    if (o.incident) {
        k.incident_at = time_flag("--incident", *o.incident, now, TimeRole::At);
    }
    if (o.paid_by) {
        k.paid_by = paid_by_from(*o.paid_by);
        if (!k.paid_by) {
            throw UsageError(
                fmt::format("--paid-by \"{}\": accepted: card, debit, cash, other", *o.paid_by));
        }
    }
    set_case_facts(k, o.country, o.sector, o.amount, o.currency, o.order_ref, ctx.policy());
    for (const auto& tag : o.tags) {
        check_text("--tag", tag, Lines::Single, 100);
        k.tags.push_back(tag);
    }

    Store& store = ctx.store(Access::Write);
    auto tx = store.write("open", now);
    const std::int64_t id = store.insert_case(k);
    const CaseFile file = store.load_case_file(id);
    tx.commit(fmt::format("open case #{} against {}", id, file.kase.org));

    if (ctx.json()) {
        print_json(to_json(file, ctx.policy(), now));
    } else if (ctx.quiet()) {
        fmt::print("{}\n", id);
    } else {
        fmt::print("Opened case #{} against {}{}{}\n", id, file.kase.org,
                   k.title.empty() ? "" : ": ", k.title);
        fmt::print("{}\n", ctx.style().dim(fmt::format(
                               "Log each contact: escalate log call {} --outcome no-answer", id)));
    }
}

} // namespace

Command setup_open(CLI::App& app) {
    auto o = std::make_shared<OpenOptions>();
    CLI::App* sub = app.add_subcommand("open", "Open a case against an organisation");
    sub->add_option("ORG", o->org, "The company or body (created if new)")->required();
    sub->add_option("--title", o->title, "What the case is about")->type_name("T");
    sub->add_option("--want", o->want, "The outcome you want: \"close the account, stop billing\"")
        ->type_name("W");
    sub->add_option("--at", o->at, "When it started (default: now)")->type_name("WHEN");
    sub->add_option("--incident", o->incident,
                    "When the problem happened (purchase, charge), for deadline clocks")
        ->type_name("WHEN");
    sub->add_option("--paid-by", o->paid_by, "card, debit, cash or other (chargeback clocks)")
        ->type_name("HOW");
    sub->add_option("--country", o->country,
                    "Where you are, ISO 3166 code (GB, US, FR): picks the rules (regime)")
        ->type_name("CC");
    sub->add_option("--sector", o->sector,
                    "energy, telecom, bank, card, insurance, airline, baggage, retail, housing, "
                    "other: picks the regulator")
        ->type_name("S");
    sub->add_option("--amount", o->amount, "The sum at stake: 412.00")->type_name("N");
    sub->add_option("--currency", o->currency, "ISO 4217 code: GBP, USD, EUR")->type_name("CUR");
    sub->add_option("--order-ref", o->order_ref, "Order or transaction reference")
        ->type_name("REF");
    sub->add_option("--tag", o->tags, "A tag; repeat for more")->type_name("X");
    sub->footer(R"(Examples:
  escalate open Meterco --title "Billing after contract end" --want "Close the account, stop the bills"
  escalate open "Parcelco" --title "Misdelivered parcel" --incident yesterday --paid-by card
  escalate open Mobilo --country GB --sector telecom --title "Price rise billed twice"
  escalate open Sofaland --country US --paid-by card --amount 1240 --currency USD --order-ref SF-2231)");
    return {sub, [o](Context& ctx) { run_open(*o, ctx); }};
}

} // namespace escalate::cli
