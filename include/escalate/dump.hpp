// The dump format (SPEC section 7): JSON Lines, so that a dump of any size streams in constant
// memory. A header line, then one line per org, then one line per case with its contacts and
// promises.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"

namespace escalate {

inline constexpr int dump_version = 1;
inline constexpr std::string_view dump_format_name = "escalate-dump";

[[nodiscard]] std::string dump_header_line(Timestamp now);
[[nodiscard]] std::string dump_org_line(const Org& org);
[[nodiscard]] std::string dump_case_line(const CaseFile& file, const Policy& policy, Timestamp now);

// One line read back. Throws UsageError saying what is wrong (the caller adds the line number).
struct DumpLine {
    enum class Kind { Header, Org, Case } kind = Kind::Header;
    int version = 0;              // Header
    std::optional<Org> org;       // Org
    std::optional<CaseFile> file; // Case, with the ids as dumped
};
[[nodiscard]] DumpLine parse_dump_line(std::string_view line);

} // namespace escalate
