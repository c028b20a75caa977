#include "parse_flags.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iostream>
#include <iterator>

#include <fmt/format.h>
#include <unistd.h>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"
#include "suggest.hpp"

namespace escalate::cli {

namespace {

// `--hold --outcome info`: CLI11, as getopt, takes the word after a flag as its value.
void check_not_a_flag(std::string_view flag, const std::string& text) {
    if (text.starts_with("--") && text.size() > 2) {
        throw UsageError(fmt::format("{} needs a value: \"{}\" is a flag", flag, text));
    }
}

// "unknown outcome "hungup"; did you mean hung-up? accepted: ..."
std::string unknown_value(std::string_view what, std::string_view text,
                          const std::vector<std::string>& accepted) {
    const std::string hint = did_you_mean(text, accepted);
    return fmt::format("unknown {} \"{}\"; {}{}accepted: {}", what, text, hint,
                       hint.empty() ? "" : " ", join_names(accepted));
}

} // namespace

Timestamp time_flag(std::string_view flag, const std::string& text, Timestamp now, TimeRole role) {
    check_not_a_flag(flag, text);
    check_zone();
    static const Parsed<DateOrder> order = local_date_order();
    if (!order) {
        throw UsageError(order.error().message);
    }
    const auto t = parse_time(text, now, role, order.value());
    if (!t) {
        // One short line: the text (cut if long, not inside a UTF-8 character), then three
        // forms to try, or what was wrong.
        std::string shown = text;
        if (shown.size() > 28) {
            std::size_t cut = 25;
            while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            shown = shown.substr(0, cut) + "...";
        }
        throw UsageError(
            t.error().kind == ParseFailure::Unrecognised
                ? fmt::format("cannot read {} \"{}\": try {}", flag, shown, time_examples)
                : fmt::format("{} \"{}\": {}", flag, shown, t.error().message));
    }
    return t.value();
}

void check_zone() {
    static const std::optional<std::string> problem = local_zone_problem();
    if (problem) {
        throw UsageError(*problem);
    }
}

Seconds duration_flag(std::string_view flag, const std::string& text) {
    check_not_a_flag(flag, text);
    const auto d = parse_duration(text);
    if (!d) {
        throw UsageError(fmt::format("{} \"{}\": {}; accepted: {}", flag, text, d.error().message,
                                     duration_forms));
    }
    return d.value();
}

Outcome outcome_flag(const std::string& text) {
    std::string folded = text; // as channels are: --outcome Hung-Up is hung-up
    for (char& c : folded) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (auto o = outcome_from(folded)) {
        return *o;
    }
    std::vector<std::string> names;
    const std::string all = outcome_names(); // "no-answer, hung-up, ..."
    for (std::size_t at = 0; at < all.size();) {
        const std::size_t end = std::min(all.find(", ", at), all.size());
        names.push_back(all.substr(at, end - at));
        at = end + 2;
    }
    throw UsageError(unknown_value("outcome", text, names));
}

const ChannelPolicy& channel_arg(const Policy& policy, const std::string& text) {
    if (const ChannelPolicy* channel = policy.find_channel(text)) {
        return *channel;
    }
    std::vector<std::string> names;
    for (const auto& channel : policy.channels()) {
        names.push_back(channel.name);
    }
    throw UsageError(unknown_value("channel", text, names));
}

std::int64_t id_arg(std::string_view what, const std::string& text) {
    std::string_view digits = text;
    if (digits.starts_with('#')) {
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > 18 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        throw UsageError(fmt::format("{} \"{}\" is not a number", what, text));
    }
    return std::stoll(std::string(digits));
}

std::string note_flag(const std::string& text) {
    if (text != "-") {
        return text;
    }
    if (::isatty(STDIN_FILENO) == 1) {
        std::cerr << "reading the note from standard input; end with Ctrl-D\n" << std::flush;
    }
    // At most the limit and one byte more: a note from /dev/zero must not fill memory.
    std::string note;
    std::array<char, 65536> chunk{};
    while (note.size() <= max_note_bytes) {
        const auto want = std::min(chunk.size(), max_note_bytes + 1 - note.size());
        std::cin.read(chunk.data(), static_cast<std::streamsize>(want));
        const auto got = std::cin.gcount();
        if (got <= 0) {
            break;
        }
        note.append(chunk.data(), static_cast<std::size_t>(got));
    }
    if (std::cin.bad()) {
        throw UsageError("could not read the note from standard input");
    }
    if (note.size() > max_note_bytes) {
        throw UsageError(fmt::format("the note on standard input is longer than the limit of {} "
                                     "bytes",
                                     max_note_bytes));
    }
    while (!note.empty() && (note.back() == '\n' || note.back() == '\r')) {
        note.pop_back();
    }
    return note;
}

} // namespace escalate::cli

namespace escalate::cli {

void set_case_facts(Case& k, const std::optional<std::string>& country,
                    const std::optional<std::string>& sector,
                    const std::optional<std::string>& amount,
                    const std::optional<std::string>& currency,
                    const std::optional<std::string>& order_ref, const Policy& policy) {
    if (country) {
        k.country = country_code_from(*country);
        if (!k.country) {
            throw UsageError(fmt::format(
                "--country \"{}\": give a two-letter ISO 3166 code, such as GB, US or FR",
                *country));
        }
    }
    if (sector) {
        std::string lower;
        for (char c : *sector) {
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const auto& known = policy.sectors();
        if (std::find(known.begin(), known.end(), lower) == known.end()) {
            std::string list;
            for (const auto& s : known) {
                list += (list.empty() ? "" : ", ") + s;
            }
            throw UsageError(fmt::format("--sector \"{}\": accepted: {}", *sector, list));
        }
        k.sector = lower;
    }
    if (amount) {
        k.amount = amount_from(*amount);
        if (!k.amount) {
            throw UsageError(fmt::format("--amount \"{}\": give a number such as 412, 412.50 or "
                                         "1,240.00 (the currency goes in --currency)",
                                         *amount));
        }
    }
    if (currency) {
        k.currency = currency_code_from(*currency);
        if (!k.currency) {
            throw UsageError(fmt::format(
                "--currency \"{}\": give a three-letter ISO 4217 code, such as GBP, USD or EUR",
                *currency));
        }
    }
    if (order_ref) {
        check_text("--order-ref", *order_ref, Lines::Single, 200);
        k.order_ref = order_ref->empty() ? std::nullopt : order_ref;
    }
}

} // namespace escalate::cli
