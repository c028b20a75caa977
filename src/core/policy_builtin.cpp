// The built-in policy. Every default the engine and the stats use is here, as data; see
// docs/engine.md for what each key does and the source of each deadline and regime.
#include <string_view>

#include <nlohmann/json.hpp>

namespace escalate {

extern const std::string_view builtin_policy_json;
const nlohmann::ordered_json& builtin_policy_document();

// Wording: in "say" and "say_to", {org} is the org's name and {to} the directory's entry for the
// channel (the phone number, the @handle, the executive's name, the regulator). "say_to" is used
// when there is an entry; "then" is the wording and draft of a second contact on the channel.
const std::string_view builtin_policy_json = R"json({
  "version": 2,
  "business_days": ["mon", "tue", "wed", "thu", "fri"],
  "default_country": null,
  "sectors": ["energy", "telecom", "bank", "card", "insurance", "airline", "baggage", "retail", "housing", "other"],
  "channels": {
    "call":       {"tier": 1, "sync": true,  "cooldown_hours": 2, "directory": "phone", "noun": "call", "description": "phone call",
                   "say": "Call {org}", "say_to": "Call {org} on {to}", "draft": "script"},
    "chat":       {"tier": 1, "sync": true,  "cooldown_hours": 2, "directory": "chat", "noun": "chat", "description": "live chat",
                   "say": "Start a live chat with {org}", "say_to": "Start a live chat with {org} at {to}", "draft": "script"},
    "email":      {"tier": 1, "sync": false, "written": true, "window": 2, "window_unit": "business_days", "directory": "email", "noun": "email", "description": "email",
                   "say": "Email {org}", "say_to": "Email {org} at {to}", "draft": "complaint"},
    "form":       {"tier": 1, "sync": false, "written": true, "window": 3, "window_unit": "business_days", "noun": "web form", "description": "web form",
                   "say": "Send {org} a complaint through its web form", "draft": "complaint"},
    "visit":      {"tier": 1, "sync": true,  "cooldown_hours": 24, "noun": "visit", "description": "in person",
                   "say": "Go to {org} in person", "draft": "script"},
    "supervisor": {"tier": 2, "sync": true,  "cooldown_hours": 2, "directory": "phone", "noun": "supervisor request", "description": "asked for a manager",
                   "say": "Call {org} and ask for a supervisor", "say_to": "Call {org} on {to} and ask for a supervisor", "draft": "supervisor_script"},
    "letter":     {"tier": 2, "sync": false, "written": true, "window": 14, "window_unit": "days", "noun": "letter", "description": "written complaint",
                   "say": "Send {org} a formal complaint in writing", "draft": "complaint"},
    "social":     {"tier": 3, "sync": false, "tag_exec": true, "window": 1, "window_unit": "days", "directory": "social", "noun": "public post", "description": "public post",
                   "say": "Post publicly about {org}", "say_to": "Post publicly and tag {to}", "draft": "post"},
    "dm":         {"tier": 3, "sync": false, "window": 1, "window_unit": "days", "directory": "social", "noun": "direct message", "description": "private social message",
                   "say": "Send {org} a private message", "say_to": "Send {to} a private message", "draft": "post"},
    "review":     {"tier": 3, "sync": false, "window": 14, "window_unit": "days", "noun": "public review", "description": "public review",
                   "say": "Post a public review of {org}", "draft": "post"},
    "exec":       {"tier": 4, "sync": false, "written": true, "window": 5, "window_unit": "business_days", "directory": "exec", "noun": "executive contact", "description": "executive office",
                   "say": "Write to {org}'s executive office (the CEO's office)", "say_to": "Write to {to} at {org}'s executive office", "draft": "exec_letter"},
    "regulator":  {"tier": 5, "sync": false, "written": true, "window": 15, "window_unit": "days", "directory": "regulator", "noun": "regulator complaint", "description": "regulator or ombudsman",
                   "say": "File a complaint about {org} with the regulator or ombudsman", "say_to": "File a complaint about {org} with {to}", "draft": "regulator",
                   "then": {"say": "Add what has happened since to your complaint about {org} with {to}", "draft": "regulator_update"}},
    "chargeback": {"tier": 5, "sync": false, "written": true, "needs_card": true, "window": 30, "window_unit": "days", "noun": "chargeback", "description": "card chargeback",
                   "say": "Ask your card issuer for a chargeback of your payment to {org}", "draft": "chargeback",
                   "then": {"say": "Ask your card issuer where your chargeback of the payment to {org} stands", "draft": "chargeback"}},
    "legal":      {"tier": 5, "sync": false, "written": true, "window": 14, "window_unit": "days", "noun": "legal step", "description": "demand letter or small claim",
                   "say": "Send {org} a letter before action", "draft": "demand",
                   "then": {"say": "Start a small claim against {org}", "draft": "small_claim"}}
  },
  "aliases": {"tweet": "social", "post": "social", "phone": "call", "manager": "supervisor"},
  "tiers": {
    "1": {"name": "front line"},
    "2": {"name": "formal / supervisor", "enter_after_failures": 3, "enter_after_days": 7},
    "3": {"name": "public", "enter_after_failures": 2, "enter_after_days": 14},
    "4": {"name": "executive", "enter_after_failures": 2, "enter_after_days": 21},
    "5": {"name": "outside authority", "enter_after_failures": 2, "enter_after_days": 56}
  },
  "ladder": {"max_skip": 3},
  "outcomes": {
    "no-answer": 1.0, "hung-up": 1.0, "stock-reply": 1.0, "refused": 1.0, "transferred": 0.5,
    "promised": 0.0, "escalated": 0.0, "partial": 0.0, "partial-repeated": 1.0, "resolved": 0.0,
    "info": 0.0, "notice": 0.0, "asked": 0.0, "final": 1.0, "denied": 1.0,
    "ignored": 1.0, "broken-promise": 3.0
  },
  "promises": {"grace_hours": 24, "distrust_after_broken": 2},
  "payment": {"issuer_sectors": ["bank", "card"]},
  "history": {"min_attempts": 3, "recent_cases": 300, "fast_reply_hours": 24},
  "weights": {
    "wait": 200, "close": 300, "asked": 250, "follow_up_filed": 220, "warn": 120,
    "tier_target": 100, "tier_distance": 30, "offered": 6, "untried": 10, "failed_here": 4,
    "follow_up": 5, "reply_rate": 8, "fast_reply": 4, "cooldown": 15, "clock_closing": 150,
    "clock_open": 20, "required": 40, "written": 3, "outside_order": 2
  },
  "agenda": {"overdue_promise": 50, "ignored": 30, "per_day_actionable": 2, "per_day_open": 0.1},
  "clocks": {
    "chargeback": {"label": "card chargeback window closes", "from": "incident", "days": 120, "paid_by": ["card", "debit"], "effect": "closes", "channel": "chargeback",
                   "source": "Visa and Mastercard dispute rules: most reason codes allow 120 days from the transaction or the expected delivery date."},
    "billing_dispute": {"label": "billing dispute window closes", "from": "incident", "days": 60, "paid_by": ["card"], "effect": "closes", "channel": "chargeback", "issuer_channel": "letter",
                   "source": "US Fair Credit Billing Act, 15 U.S.C. 1666: a billing error must be disputed in writing within 60 days of the statement that first showed it (measured here from --incident; give the statement date there)."},
    "regulation_e": {"label": "debit card error report window closes", "from": "incident", "days": 60, "paid_by": ["debit"], "effect": "closes", "channel": "chargeback", "issuer_channel": "letter",
                   "source": "US Regulation E, 12 CFR 1005.11(b): report an error on a debit card or transfer within 60 days of the statement that first showed it (measured here from --incident)."},
    "psd_reply": {"label": "payment services final response due", "from": "first_complaint", "days": 15, "unit": "business_days", "paid_by": ["card", "debit"], "effect": "closes",
                   "source": "FCA Handbook DISP 1.6.2A: a complaint about payment services gets a final response within 15 business days (35 in exceptional cases, with a holding reply)."},
    "cfpb_response": {"label": "company's response to your CFPB complaint due", "from": "contact", "on": "regulator", "days": 15, "effect": "closes",
                   "source": "CFPB: companies respond to complaints within 15 days."},
    "cfpb_final": {"label": "company's final response to your CFPB complaint due", "from": "contact", "on": "regulator", "days": 60, "effect": "closes",
                   "source": "CFPB: in some cases the company says the response is in progress and gives a final response within 60 days."},
    "fcc_reply": {"label": "carrier's answer to your FCC complaint due", "from": "contact", "on": "regulator", "days": 30, "effect": "closes",
                   "source": "47 CFR 1.717: the carrier answers an informal complaint forwarded by the FCC within 30 days."},
    "dot_ack": {"label": "airline must acknowledge your written complaint", "from": "first_written", "days": 30, "effect": "closes",
                   "source": "14 CFR 259.5(b)(11) and 260.7: an airline acknowledges a written complaint within 30 days and answers it within 60 days."},
    "dot_answer": {"label": "airline must answer your written complaint", "from": "first_written", "days": 60, "effect": "closes",
                   "source": "14 CFR 259.5(b)(11) and 260.7: an airline answers a written complaint within 60 days of receiving it."},
    "baggage_damage": {"label": "written report of baggage damage due", "from": "incident", "days": 7, "effect": "closes", "channel": "letter",
                   "source": "Montreal Convention 1999, art. 31(2): damage to checked baggage must be reported in writing within 7 days of receipt."},
    "baggage_delay": {"label": "written report of baggage delay due", "from": "incident", "days": 21, "effect": "closes", "channel": "letter",
                   "source": "Montreal Convention 1999, art. 31(2): a delay must be reported in writing within 21 days of the baggage being placed at the passenger's disposal (the incident date)."},
    "letter_before_action": {"label": "a small claim can be started", "from": "contact", "on": "legal", "days": 14, "effect": "opens", "channel": "legal",
                   "source": "Practice Direction - Pre-Action Conduct and Protocols, para 6(b) (England and Wales): 14 days is a reasonable time to answer a letter before claim in a straightforward case."}
  },
  "regimes": {
    "unknown": {
      "label": "country and sector not given", "countries": ["*"], "sectors": ["unset"],
      "regulator": {"name": "the regulator or ombudsman", "where": null,
                    "source": "With no country or sector on the case escalate cannot name the body; set them with open --country and --sector."},
      "route": {"opens": "at_once", "source": "Most regulators take a complaint once the company has had a fair chance to answer it."},
      "clocks": ["chargeback"], "outside": ["regulator", "chargeback", "legal"]
    },
    "generic": {
      "label": "no regulator for this sector", "countries": ["*"], "sectors": ["*"], "regulator": null,
      "route": {"opens": "never", "source": "With no regulator or ombudsman, the outside step is a demand letter, then a small claim."},
      "clocks": ["chargeback", "letter_before_action"], "outside": ["chargeback", "legal"]
    },
    "gb_finance": {
      "label": "UK financial services", "countries": ["GB"], "sectors": ["bank", "card", "insurance"],
      "regulator": {"name": "the Financial Ombudsman Service", "where": "https://www.financial-ombudsman.org.uk/",
                    "source": "FCA Handbook DISP 2.8.2: the Financial Ombudsman Service takes a complaint 8 weeks after the firm received it, or once the firm has sent its final response."},
      "route": {"opens": "after_weeks", "weeks": 8, "or_final": true, "source": "FCA Handbook DISP 1.6.2 and 2.8.2"},
      "clocks": ["psd_reply", "chargeback"], "outside": ["regulator", "chargeback", "legal"]
    },
    "gb_energy": {
      "label": "UK energy", "countries": ["GB"], "sectors": ["energy"],
      "regulator": {"name": "the Energy Ombudsman", "where": "https://www.energyombudsman.org/",
                    "source": "Gas and Electricity (Consumer Complaints Handling Standards) Regulations 2008; Ofgem: the Energy Ombudsman takes a complaint after 8 weeks, or sooner with a deadlock letter."},
      "route": {"opens": "after_weeks", "weeks": 8, "or_final": true, "source": "Ofgem complaints handling standards: 8 weeks or a deadlock letter"},
      "clocks": ["chargeback"], "outside": ["regulator", "chargeback", "legal"]
    },
    "gb_comms": {
      "label": "UK communications", "countries": ["GB"], "sectors": ["telecom"],
      "regulator": {"name": "the communications ADR scheme (Communications Ombudsman or CISAS)", "where": "https://www.ofcom.org.uk/phones-and-broadband/how-to-complain",
                    "source": "Ofcom General Condition C4: a complaint may go to the provider's ADR scheme after 8 weeks, or sooner with a deadlock letter; for complaints made from 8 April 2026 the wait is 6 weeks."},
      "route": {"opens": "after_weeks", "weeks": 8, "weeks_from": {"2026-04-08": 6}, "or_final": true,
                "source": "Ofcom General Condition C4.6; Ofcom's 2025 statement reducing the wait to 6 weeks from 8 April 2026"},
      "clocks": ["chargeback"], "outside": ["regulator", "chargeback", "legal"]
    },
    "gb_other": {
      "label": "UK, no ombudsman for this sector", "countries": ["GB"], "sectors": ["*"], "regulator": null,
      "route": {"opens": "never", "source": "Practice Direction - Pre-Action Conduct and Protocols: a letter before action giving 14 days, then a claim in the small claims track (Money Claim Online)."},
      "clocks": ["chargeback", "letter_before_action"], "outside": ["chargeback", "legal"]
    },
    "us_consumer": {
      "label": "US consumer purchase", "countries": ["US"], "sectors": ["*"], "regulator": null,
      "route": {"opens": "never", "source": "With no federal regulator for the sector: a demand letter, then small claims court."},
      "clocks": ["billing_dispute", "regulation_e", "chargeback", "letter_before_action"], "outside": ["chargeback", "legal"]
    },
    "us_finance": {
      "label": "US banks and cards", "countries": ["US"], "sectors": ["bank", "card"],
      "regulator": {"name": "the CFPB", "where": "https://www.consumerfinance.gov/complaint/",
                    "source": "CFPB: a complaint may be filed at any time; the company responds within 15 days and gives a final response within 60."},
      "route": {"opens": "at_once", "source": "CFPB complaint process"},
      "respond": {"days": 15, "source": "CFPB: companies respond within 15 days"},
      "clocks": ["billing_dispute", "regulation_e", "cfpb_response", "cfpb_final"], "outside": ["regulator", "legal"]
    },
    "us_telecom": {
      "label": "US telecommunications", "countries": ["US"], "sectors": ["telecom"],
      "regulator": {"name": "the FCC", "where": "https://consumercomplaints.fcc.gov/",
                    "source": "47 CFR 1.716-1.717: an informal complaint to the FCC is served on the carrier, which answers within 30 days."},
      "route": {"opens": "at_once", "source": "47 CFR 1.716"},
      "respond": {"days": 30, "source": "47 CFR 1.717: the carrier answers within 30 days"},
      "clocks": ["billing_dispute", "regulation_e", "chargeback", "fcc_reply"], "outside": ["regulator", "chargeback", "legal"]
    },
    "us_airline": {
      "label": "US airlines", "countries": ["US"], "sectors": ["airline"],
      "regulator": {"name": "the US Department of Transportation", "where": "https://www.transportation.gov/airconsumer/file-consumer-complaint",
                    "source": "14 CFR 259.5 and 260.7: the airline acknowledges a written complaint within 30 days and answers it within 60; the DOT takes complaints at any time."},
      "route": {"opens": "at_once", "source": "DOT Office of Aviation Consumer Protection"},
      "clocks": ["billing_dispute", "chargeback", "dot_ack", "dot_answer"], "outside": ["regulator", "chargeback", "legal"]
    },
    "eu_air": {
      "label": "EU air passenger rights", "countries": ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "NO", "CH"], "sectors": ["airline"],
      "regulator": {"name": "the national enforcement body for air passenger rights", "where": "https://transport.ec.europa.eu/transport-themes/passenger-rights/national-enforcement-bodies_en",
                    "source": "Regulation (EC) No 261/2004, art. 16: each state's national enforcement body takes complaints once the airline has had the passenger's written claim."},
      "route": {"opens": "after_written", "weeks": 6, "or_final": true,
                "source": "Regulation (EC) No 261/2004, art. 16(2); the 6 weeks the airline gets to answer is this policy's choice (bodies ask for a fair chance to reply)"},
      "clocks": ["chargeback"], "outside": ["regulator", "chargeback", "legal"]
    },
    "baggage": {
      "label": "air travel baggage", "countries": ["*"], "sectors": ["baggage"], "regulator": null,
      "route": {"opens": "never", "source": "Montreal Convention 1999, arts. 31 and 35: written reports within 7 or 21 days; a claim in court within 2 years."},
      "clocks": ["baggage_damage", "baggage_delay", "chargeback"], "outside": ["chargeback", "legal"]
    }
  },
  "reply_clock": {"label": "reply due", "warn_at": 0.75}
})json";

// The document parsed once per process: reading the built-in policy parsed it twice (once to
// read it, once to check the user's outcomes against it).
const nlohmann::ordered_json& builtin_policy_document() {
    static const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(builtin_policy_json);
    return doc;
}

} // namespace escalate
