// Reading the policy's clocks and regimes (docs/engine.md): what each clock measures and from
// when, and for each country and sector the regulator, when its route opens and the clocks.
#include <algorithm>

#include <fmt/format.h>

#include "policy_reader.hpp"

namespace escalate::policy_detail {

ClockPolicy parse_clock(Reader& r, const std::string& name, const Json& c) {
    const std::string path = "/clocks/" + name;
    ClockPolicy clock;
    clock.name = name;
    if (!c.is_object()) {
        r.bad(path, "an object");
        return clock;
    }
    clock.label = r.text(c, "label", path, name);
    const std::string from = r.text(c, "from", path, "opened");
    if (from == "opened") {
        clock.from = ClockStart::Opened;
    } else if (from == "incident") {
        clock.from = ClockStart::Incident;
    } else if (from == "first_complaint") {
        clock.from = ClockStart::FirstComplaint;
    } else if (from == "first_written") {
        clock.from = ClockStart::FirstWritten;
    } else if (from == "contact") {
        clock.from = ClockStart::Contact;
    } else {
        r.bad(path + "/from", "one of opened, incident, first_complaint, first_written, contact");
    }
    clock.on = r.text(c, "on", path, "");
    if (clock.from == ClockStart::Contact && clock.on.empty()) {
        r.bad(path + "/on", "the channel whose first contact starts the clock");
    }
    clock.days = r.integer(c, "days", path, 0, 3650);
    const std::string unit = r.text(c, "unit", path, "days");
    if (unit != "days" && unit != "business_days") {
        r.bad(path + "/unit", "days or business_days");
    }
    clock.business_days = unit == "business_days";
    clock.source = r.text(c, "source", path, "");
    const std::string effect = r.text(c, "effect", path, "closes");
    if (effect == "opens") {
        clock.effect = ClockEffect::Opens;
    } else if (effect == "closes") {
        clock.effect = ClockEffect::Closes;
    } else {
        r.bad(path + "/effect", "opens or closes");
    }
    clock.warn_at = r.number(c, "warn_at", path, 0, 1, 0.75);
    clock.channel = r.text(c, "channel", path, "");
    clock.issuer_channel = r.text(c, "issuer_channel", path, "");
    if (const Json* paid = r.find(c, "paid_by")) {
        for (const auto& p : *paid) {
            const auto how = p.is_string() ? paid_by_from(p.get<std::string>()) : std::nullopt;
            if (!how) {
                r.bad(path + "/paid_by", "a list from card, debit, cash, other");
            } else {
                clock.paid_by.push_back(*how);
            }
        }
    }
    return clock;
}

RegimePolicy parse_regime(Reader& r, const std::string& name, const Json& g,
                          const std::vector<ClockPolicy>& clocks) {
    const std::string path = "/regimes/" + name;
    RegimePolicy out;
    out.name = name;
    if (!g.is_object()) {
        r.bad(path, "an object");
        return out;
    }
    out.label = r.text(g, "label", path, name);
    out.countries = r.texts(g, "countries", path);
    out.sectors = r.texts(g, "sectors", path);
    if (out.countries.empty() || out.sectors.empty()) {
        r.bad(path, "an object with countries and sectors (\"*\" for any)");
    }
    if (const Json* reg = r.find(g, "regulator")) {
        if (!reg->is_object()) {
            r.bad(path + "/regulator", "an object with name, where and source, or null");
        } else {
            out.regulator =
                RegulatorInfo{r.text(*reg, "name", path + "/regulator", "the regulator"),
                              r.text(*reg, "where", path + "/regulator", ""),
                              r.text(*reg, "source", path + "/regulator", "")};
        }
    }
    const Json* route = r.find(g, "route");
    const Json empty = Json::object();
    const Json& rt = route ? *route : empty;
    const std::string opens = r.text(rt, "opens", path + "/route", "never");
    if (opens == "at_once") {
        out.opens = RouteOpens::AtOnce;
    } else if (opens == "after_weeks") {
        out.opens = RouteOpens::AfterWeeks;
    } else if (opens == "after_written") {
        out.opens = RouteOpens::AfterWritten;
    } else if (opens == "never") {
        out.opens = RouteOpens::Never;
    } else {
        r.bad(path + "/route/opens", "one of at_once, after_weeks, after_written, never");
    }
    out.weeks = r.integer(rt, "weeks", path + "/route", 0, 520, 0);
    if (const Json* from = r.find(rt, "weeks_from")) {
        for (const auto& [date, weeks] : from->items()) {
            const auto t = parse_rfc3339(date + "T00:00:00Z");
            if (!t || !weeks.is_number_integer()) {
                r.bad(path + "/route/weeks_from", "dates (2026-04-08) mapped to whole weeks");
                continue;
            }
            out.weeks_from.emplace_back(*t, weeks.get<double>());
        }
        std::sort(out.weeks_from.begin(), out.weeks_from.end());
    }
    out.or_final = r.boolean(rt, "or_final", path + "/route", false);
    out.route_source = r.text(rt, "source", path + "/route", "");
    if (out.opens != RouteOpens::Never && !out.regulator) {
        r.bad(path + "/route/opens", "never when the regime has no regulator");
    }
    if (const Json* respond = r.find(g, "respond")) {
        out.respond_days = r.integer(*respond, "days", path + "/respond", 1, 3650);
    }
    out.clocks = r.texts(g, "clocks", path);
    for (const auto& c : out.clocks) {
        if (std::none_of(clocks.begin(), clocks.end(),
                         [&](const ClockPolicy& k) { return k.name == c; })) {
            r.bad(path + "/clocks", fmt::format("names of clocks under /clocks (not {})", c));
        }
    }
    out.outside = r.texts(g, "outside", path);
    return out;
}

} // namespace escalate::policy_detail
