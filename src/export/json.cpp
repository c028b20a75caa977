// json: the published case, in the shape of `show --json`.
#include "escalate/json.hpp"
#include "escalate/timeline.hpp"

namespace escalate {

std::string render_json(const Timeline& t, const Policy& policy) {
    const CaseFile published{t.kase, t.contacts, t.promises};
    return dump(to_json(published, policy, t.now)) + "\n";
}

} // namespace escalate
