// escalate org ORG [--phone ...]: set or show how to reach an organisation.
#include <algorithm>

#include <fmt/format.h>

#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

namespace {

struct OrgOptions {
    std::string name;
    std::optional<std::string> phone, email, chat, exec, regulator, requires_channel;
    std::vector<std::string> social, no, offers;
    bool create = false; // --new
};

// At most ten names: an error stays one readable line.
std::string names_of(const std::vector<Org>& orgs) {
    std::string out;
    for (std::size_t i = 0; i < orgs.size() && i < 10; ++i) {
        out += (out.empty() ? "" : ", ") + orgs[i].name;
    }
    return orgs.size() > 10 ? out + fmt::format(" and {} more", orgs.size() - 10) : out;
}

// The org a reference names, as every other command reads one: the exact name (Unicode case
// folded), else a unique prefix. None: NotFoundError, unless create (--new) says to add it.
std::optional<Org> resolve_org(Store& store, const std::string& ref, bool create) {
    if (ref.empty()) {
        throw UsageError("the org name is empty; give an org's name or the start of it");
    }
    if (create) {
        return store.find_org(ref); // --new with a name already there: that org
    }
    const auto found = store.match_orgs(ref);
    if (found.size() == 1) {
        return found.front();
    }
    if (found.size() > 1) {
        throw AmbiguousError(fmt::format("\"{}\" matches {} orgs: {}; give more of the name", ref,
                                         found.size(), names_of(found)));
    }
    const auto known = store.orgs();
    throw NotFoundError(fmt::format("no org matches \"{}\"; known: {}; to add one: escalate org "
                                    "\"{}\" --new --phone ...",
                                    ref, known.empty() ? "none" : names_of(known), ref));
}

void set_field(std::optional<std::string>& field, const std::optional<std::string>& value,
               std::string_view flag, std::vector<std::string>& changed) {
    if (!value) {
        return;
    }
    check_text(flag, *value, Lines::Single);
    field = value->empty() ? std::nullopt : value;
    changed.emplace_back(flag.substr(2));
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) {
        list.push_back(item);
    }
}

void print_org(const Org& org) {
    auto show = [](const std::optional<std::string>& v) { return v ? *v : std::string("-"); };
    fmt::print("{}\n", org.name);
    fmt::print("  phone      {}\n", show(org.phone));
    fmt::print("  email      {}\n", show(org.email));
    fmt::print("  chat       {}\n", show(org.chat));
    fmt::print("  social     {}\n",
               org.social.empty() ? "-" : fmt::format("{}", fmt::join(org.social, " ")));
    fmt::print("  exec       {}\n", show(org.exec));
    fmt::print("  regulator  {}\n", show(org.regulator));
    if (!org.unavailable.empty()) {
        fmt::print("  not offered {}\n", fmt::join(org.unavailable, ", "));
    }
    if (org.requires_channel) {
        fmt::print("  only by    {}\n", *org.requires_channel);
    }
}

void run_org(const OrgOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const Policy& policy = ctx.policy();
    const bool changing = o.phone || o.email || o.chat || o.exec || o.regulator ||
                          o.requires_channel || !o.social.empty() || !o.no.empty() ||
                          !o.offers.empty() || o.create;
    if (!changing) {
        Store& store = ctx.store(Access::Read);
        auto tx = store.read();
        const auto org = resolve_org(store, o.name, false);
        ctx.json() ? print_json(to_json(*org)) : print_org(*org);
        return;
    }
    check_text("the org name", o.name, Lines::Single, 200);
    for (const auto& h : o.social) {
        check_text("--social", h, Lines::Single);
    }
    std::vector<std::string> no, offers;
    for (const auto& c : o.no) {
        no.push_back(channel_arg(policy, c).name);
    }
    for (const auto& c : o.offers) {
        offers.push_back(channel_arg(policy, c).name);
    }

    std::optional<std::string> requires_channel;
    if (o.requires_channel && !o.requires_channel->empty()) {
        requires_channel = channel_arg(policy, *o.requires_channel).name;
    }

    Store& store = ctx.store(Access::Write);
    auto tx = store.write("org", now);
    const auto existing = resolve_org(store, o.name, o.create);
    Org org = existing ? *existing : store.ensure_org(o.name);
    std::vector<std::string> changed;
    set_field(org.phone, o.phone, "--phone", changed);
    set_field(org.email, o.email, "--email", changed);
    set_field(org.chat, o.chat, "--chat", changed);
    set_field(org.exec, o.exec, "--exec", changed);
    set_field(org.regulator, o.regulator, "--regulator", changed);
    if (o.requires_channel) {
        org.requires_channel = requires_channel;
        changed.emplace_back("requires");
    }
    for (const auto& h : o.social) {
        if (h.empty()) {
            org.social.clear();
        } else {
            add_unique(org.social, h);
        }
        changed.emplace_back("social");
    }
    for (const auto& c : no) {
        add_unique(org.unavailable, c);
        changed.emplace_back("not offered");
    }
    for (const auto& c : offers) {
        std::erase(org.unavailable, c);
        changed.emplace_back("not offered");
    }
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    store.update_org(org);
    tx.commit(fmt::format("org {}: {}", org.name, fmt::join(changed, ", ")));
    if (ctx.json()) {
        print_json(to_json(org));
    } else if (!ctx.quiet()) {
        print_org(org);
    }
}

} // namespace

Command setup_org(CLI::App& app) {
    auto o = std::make_shared<OrgOptions>();
    CLI::App* sub = app.add_subcommand("org", "Set or show how to reach an organisation");
    sub->add_option("ORG", o->name,
                    "The organisation's name or its start (case-insensitive), as in other commands")
        ->required();
    sub->add_flag("--new", o->create,
                  "Add the org when no org has this name (otherwise ORG may be a prefix)");
    sub->add_option("--phone", o->phone, "Phone number; \"\" clears it")->type_name("P");
    sub->add_option("--email", o->email, "Complaints email address")->type_name("E");
    sub->add_option("--chat", o->chat, "Live-chat page")->type_name("URL");
    sub->add_option("--social", o->social, "Social handle, @name; repeat for more; \"\" clears")
        ->type_name("@H");
    sub->add_option("--exec", o->exec, "Executive contact: \"Name <address>\"")->type_name("X");
    sub->add_option("--regulator", o->regulator, "Regulator or ombudsman for this org")
        ->type_name("NAME");
    sub->add_option("--no", o->no, "A channel the org does not offer; repeat for more")
        ->type_name("CHANNEL");
    sub->add_option("--offers", o->offers, "Undo --no for a channel")->type_name("CHANNEL");
    sub->add_option("--requires", o->requires_channel,
                    "The only channel they accept (\"put it in writing\": letter); \"\" clears")
        ->type_name("CHANNEL");
    sub->footer(R"(Examples:
  escalate org Meterco
  escalate org meter                      (a unique start of the name)
  escalate org Parcelco --new --phone "+44 20 7946 0000"   (adds an org with no case yet)
  escalate org Meterco --phone "+1 800 555 0100" --social @meterco --exec "Pat Doe <ceo@meterco.example>"
  escalate org Parcelco --no chat
  escalate org "Brick & Co" --requires letter)");
    return {sub, [o](Context& ctx) { run_org(*o, ctx); }};
}

} // namespace escalate::cli
