// The JSON shapes of SPEC section 3: times RFC 3339 UTC, durations whole seconds, absent values
// null. Used by --json output and by the json export.
#pragma once

#include <nlohmann/json.hpp>

#include "escalate/engine.hpp"
#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "escalate/stats.hpp"

namespace escalate {

enum class CaseDetail {
    Full,            // with stats, promises and contacts (show, open)
    WithoutContacts, // list
};

[[nodiscard]] nlohmann::ordered_json to_json(const Org& org);
[[nodiscard]] nlohmann::ordered_json to_json(const CaseStats& stats);
// overdue: whether it counts as broken now (is_overdue with its case, when there is one).
[[nodiscard]] nlohmann::ordered_json to_json(const Promise& p, bool overdue);
[[nodiscard]] nlohmann::ordered_json to_json(const Contact& c, const ContactState& state,
                                             const Policy& policy);
[[nodiscard]] nlohmann::ordered_json to_json(const CaseFile& file, const Policy& policy,
                                             Timestamp now, CaseDetail detail = CaseDetail::Full);

[[nodiscard]] nlohmann::ordered_json to_json(const Suggestion& s);
[[nodiscard]] nlohmann::ordered_json to_json(const DeadlineClock& c);
// `next CASE`: {"case_id","org","status","clocks","suggestions"}
[[nodiscard]] nlohmann::ordered_json advice_json(const Case& k, const Advice& a);

// Serialises for output; text is valid UTF-8 by construction (see text.hpp).
[[nodiscard]] std::string dump(const nlohmann::ordered_json& j);

} // namespace escalate
