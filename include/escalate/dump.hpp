// The dump format (SPEC sections 7 and 8): JSON Lines, so that a dump of any size streams in
// constant memory. A header line, then one line per org, then one line per case with its
// contacts and promises, and last the end line with the counts of what came before it: a dump
// cut short (a full disk, a killed export) is told apart from a whole one.
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

// The longest line import reads (without its line break); export --all refuses to write a
// longer one, so that every dump escalate writes can be read back.
inline constexpr std::size_t max_dump_line_bytes = std::size_t{16} << 20;
// The most JSON values (objects, lists, numbers...; a text counts twice, for its own
// allocation) one line may hold, and how deep they may nest: what bounds the memory a line
// takes once read, whatever its bytes.
inline constexpr std::size_t max_dump_line_values = 600000;
inline constexpr std::size_t max_dump_depth = 8;

// What a dump holds: written on its end line, counted again by import.
struct DumpCounts {
    std::int64_t orgs = 0, cases = 0, contacts = 0, promises = 0;
    bool operator==(const DumpCounts&) const = default;
};

[[nodiscard]] std::string dump_header_line(Timestamp now);
[[nodiscard]] std::string dump_org_line(const Org& org);
// values, when given, receives the number of JSON values the line holds.
[[nodiscard]] std::string dump_case_line(const CaseFile& file, const Policy& policy, Timestamp now,
                                         std::size_t* values = nullptr);
[[nodiscard]] std::string dump_end_line(const DumpCounts& counts);

// One line read back. Throws UsageError saying what is wrong (the caller adds the line number).
struct DumpLine {
    enum class Kind { Header, Org, Case, End } kind = Kind::Header;
    int version = 0;              // Header
    std::optional<Org> org;       // Org
    std::optional<CaseFile> file; // Case, with the ids as dumped
    DumpCounts counts;            // End
};
[[nodiscard]] DumpLine parse_dump_line(std::string_view line);

} // namespace escalate
