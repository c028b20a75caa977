// json: the published case, in the shape of `show --json`, except that a promise's "status" is
// what it came to as of the export (kept, broken, pending, unresolved: the timeline's one rule)
// and the stats count promises the same way.
#include "escalate/json.hpp"
#include "escalate/timeline.hpp"

namespace escalate {

std::string render_json(const Timeline& t, const Policy& policy) {
    const CaseFile published{t.kase, t.contacts, t.promises};
    nlohmann::ordered_json j = to_json(published, policy, t.now);
    const std::int64_t unresolved = t.stats.promises_made - t.stats.promises_kept -
                                    t.stats.promises_broken - t.stats.promises_pending;
    const nlohmann::ordered_json counted = to_json(t.stats);
    nlohmann::ordered_json stats = nlohmann::ordered_json::object();
    for (auto it = counted.begin(); it != counted.end(); ++it) {
        stats[it.key()] = it.value();
        if (it.key() == "promises_broken") {
            stats["promises_pending"] = t.stats.promises_pending;
            stats["promises_unresolved"] = unresolved;
        }
    }
    j["stats"] = std::move(stats);
    for (auto& p : j["promises"]) {
        if (const PromiseSpan* span = span_of(t, p["id"].get<std::int64_t>())) {
            p["status"] = promise_end_name(span->end);
        }
    }
    return dump(j) + "\n";
}

} // namespace escalate
