// escalate edit CONTACT_ID [flags]: fix a contact after the fact.
#include <fmt/format.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../contact_flags.hpp"
#include "../editor.hpp"
#include "../parse_flags.hpp"
#include "../render.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct EditOptions {
    std::string id;
    std::optional<std::string> channel;
    ContactFlags flags;
    bool in = false, out = false, is_private = false, is_public = false;
};

void run_edit(const EditOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const Policy& policy = ctx.policy();
    const std::int64_t id = id_arg("contact id", o.id);
    std::optional<std::string> channel;
    if (o.channel) {
        channel = channel_arg(policy, *o.channel).name;
    }

    Store& store = ctx.store(Access::Write);
    ContactFlags flags = o.flags;
    if (flags.edit_note) {
        // The note as it is, read and let go before the editor opens: nothing waits on the
        // person typing.
        std::optional<Contact> before;
        {
            auto read = store.read();
            before = store.find_contact(id);
        }
        if (!before) {
            throw NotFoundError(fmt::format("no contact {} (escalate show CASE lists them)", id));
        }
        flags.note = note_from_editor(before->note.value_or(""),
                                      fmt::format("contact {} ({})", id, before->channel));
    }
    auto tx = store.write("edit", now);
    auto found = store.find_contact(id);
    if (!found) {
        throw NotFoundError(fmt::format("no contact {} (escalate show CASE lists them)", id));
    }
    Contact c = *found;
    if (channel) {
        c.channel = *channel;
    }
    if (o.in || o.out) {
        c.direction = o.in ? Direction::In : Direction::Out;
    }
    if (o.is_private || o.is_public) {
        c.is_private = o.is_private;
    }
    const PromiseChange change = apply_contact_flags(flags, c, now);
    // A contact moved before the case's opening moves the opening with it, as log does.
    bool moved = false;
    Timestamp opened_before = 0;
    if (auto k = store.find_case(c.case_id); k && c.at < k->opened_at) {
        moved = true;
        opened_before = k->opened_at;
        k->opened_at = c.at;
        store.update_case(*k);
    }
    store.update_contact(c);
    std::optional<Promise> promise = store.promise_of_contact(c.id);
    if (change.any()) {
        if (!promise && !(change.text && change.due)) {
            throw UsageError("this contact has no promise yet: give both --promise and --due");
        }
        if (!promise) {
            promise =
                Promise{0, c.case_id, c.id, *change.text, *change.due, PromiseStatus::Pending};
            promise->id = store.insert_promise(*promise);
            c.promise_id = promise->id;
        } else {
            promise->text = change.text.value_or(promise->text);
            promise->due = change.due.value_or(promise->due);
            store.update_promise(*promise);
        }
    }
    const CaseAdvice ca = advise_case(ctx, store, c.case_id);
    const CaseFile& file = ca.file;
    tx.commit(fmt::format("edit contact {} on #{}", c.id, c.case_id));
    if (moved) {
        fmt::print(stderr,
                   "escalate: note: case #{} now opens {}, at this contact (it opened {})\n",
                   c.case_id, format_local(c.at), format_local(opened_before));
    }

    if (ctx.json()) {
        print_json(logged_json(c, promise, ca, policy, now));
    } else if (!ctx.quiet()) {
        const std::string details = contact_details(c);
        fmt::print("Edited contact {}, the {} (case #{}){}{}\n", c.id,
                   attempt_phrase(policy, file, c), c.case_id, details.empty() ? "" : ": ",
                   details);
    }
}

} // namespace

Command setup_edit(CLI::App& app) {
    auto o = std::make_shared<EditOptions>();
    CLI::App* sub = app.add_subcommand("edit", "Fix a contact: change only the flags given");
    sub->add_option("CONTACT_ID", o->id, "The contact's id (shown in brackets by show)")
        ->required();
    sub->add_option("--channel", o->channel, "Move it to another channel")->type_name("C");
    add_contact_flags(*sub, o->flags, FlagUse::Edit);
    auto* in = sub->add_flag("--in", o->in, "They contacted you");
    sub->add_flag("--out", o->out, "You contacted them")->excludes(in);
    auto* priv = sub->add_flag("--private", o->is_private, "Keep it out of public exports");
    sub->add_flag("--public", o->is_public, "Allow it in public exports")->excludes(priv);
    sub->footer(R"(Examples:
  escalate edit 14 --outcome refused --agent "Sam"
  escalate edit 14 --note ""        (clears the note)
  escalate edit 14 -e               (changes the note in your editor)
  escalate edit 9 --due 2026-12-15  (moves the promise's due date))");
    return {sub, [o](Context& ctx) { run_edit(*o, ctx); }};
}

} // namespace escalate::cli
