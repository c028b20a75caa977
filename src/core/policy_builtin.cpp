// The built-in policy. Every default the engine and the stats use is here, as data; see
// docs/engine.md for what each key does and the source of each deadline.
#include <string_view>

namespace escalate {

extern const std::string_view builtin_policy_json;

const std::string_view builtin_policy_json = R"json({
  "version": 1,
  "business_days": ["mon", "tue", "wed", "thu", "fri"],
  "channels": {
    "call":       {"tier": 1, "sync": true,  "cooldown_hours": 2,  "directory": "phone", "noun": "call", "description": "phone call"},
    "chat":       {"tier": 1, "sync": true,  "cooldown_hours": 2,  "directory": "chat", "noun": "chat", "description": "live chat"},
    "email":      {"tier": 1, "sync": false, "window": 2, "window_unit": "business_days", "directory": "email", "noun": "email", "description": "email"},
    "form":       {"tier": 1, "sync": false, "window": 3, "window_unit": "business_days", "noun": "web form", "description": "web form"},
    "visit":      {"tier": 1, "sync": true,  "cooldown_hours": 24, "noun": "visit", "description": "in person"},
    "supervisor": {"tier": 2, "sync": true,  "cooldown_hours": 2,  "directory": "phone", "noun": "supervisor request", "description": "asked for a manager"},
    "letter":     {"tier": 2, "sync": false, "window": 14, "window_unit": "days", "noun": "letter", "description": "written complaint"},
    "social":     {"tier": 3, "sync": false, "window": 1, "window_unit": "days", "directory": "social", "noun": "public post", "description": "public post"},
    "dm":         {"tier": 3, "sync": false, "window": 1, "window_unit": "days", "directory": "social", "noun": "direct message", "description": "private social message"},
    "review":     {"tier": 3, "sync": false, "window": 14, "window_unit": "days", "noun": "public review", "description": "public review"},
    "exec":       {"tier": 4, "sync": false, "window": 5, "window_unit": "business_days", "directory": "exec", "noun": "executive contact", "description": "executive office"},
    "regulator":  {"tier": 5, "sync": false, "window": 15, "window_unit": "days", "directory": "regulator", "noun": "regulator complaint", "description": "regulator or ombudsman"},
    "chargeback": {"tier": 5, "sync": false, "window": 30, "window_unit": "days", "noun": "chargeback", "description": "card chargeback"},
    "legal":      {"tier": 5, "sync": false, "window": 14, "window_unit": "days", "noun": "legal step", "description": "demand letter or small claim"}
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
    "info": 0.0, "ignored": 1.0, "broken-promise": 3.0
  },
  "promises": {"grace_hours": 24, "distrust_after_broken": 2},
  "history": {"min_attempts": 3, "recent_cases": 300, "fast_reply_hours": 24},
  "weights": {
    "wait": 200, "close": 300, "tier_target": 100, "tier_distance": 30, "offered": 6,
    "untried": 10, "failed_here": 4, "follow_up": 5, "reply_rate": 8, "fast_reply": 4,
    "cooldown": 15, "clock_closing": 150, "clock_open": 20
  },
  "agenda": {"overdue_promise": 50, "ignored": 30, "per_day_actionable": 2, "per_day_open": 0.1},
  "clocks": {
    "ombudsman": {"label": "regulator can take it", "from": "opened", "days": 56, "effect": "opens", "warn_at": 0.75, "channel": "regulator"},
    "chargeback": {"label": "card chargeback window closes", "from": "incident", "days": 120, "paid_by": ["card", "debit"], "effect": "closes", "warn_at": 0.75, "channel": "chargeback"},
    "billing_dispute": {"label": "billing dispute window closes", "from": "incident", "days": 60, "paid_by": ["card"], "effect": "closes", "warn_at": 0.75, "channel": "chargeback"}
  },
  "reply_clock": {"label": "reply due", "warn_at": 0.75}
})json";

} // namespace escalate
