// The flags that describe a contact, shared by `log` and `edit`.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"

namespace escalate::cli {

struct ContactFlags {
    std::optional<std::string> at, duration, hold, agent, ref, outcome, promise, due, note;
    bool in = false;
    bool is_private = false;
    bool edit_note = false; // -e: the note is written in $VISUAL or $EDITOR (editor.hpp)
};

enum class FlagUse { Log, Edit };

void add_contact_flags(CLI::App& sub, ContactFlags& f, FlagUse use);

// A promise given with --promise/--due: what to create or change.
struct PromiseChange {
    std::optional<std::string> text;
    std::optional<Timestamp> due;
    [[nodiscard]] bool any() const { return text || due; }
};

// Checks every flag given and writes it into the contact; nothing else is touched, so `edit`
// changes only what it is told. An empty --agent, --ref or --note clears the field.
PromiseChange apply_contact_flags(const ContactFlags& f, Contact& c, Timestamp now);

} // namespace escalate::cli
