// libFuzzer target: reading dump lines, as import does. A line is refused with a UsageError or
// read into a case that writes back out and reads again the same.
#include <cstdlib>
#include <string_view>

#include "escalate/dump.hpp"
#include "escalate/errors.hpp"
#include "escalate/store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const escalate::Policy policy = escalate::Policy::builtin();
    try {
        const auto line = escalate::parse_dump_line(text);
        if (line.file) {
            const std::string again = escalate::dump_case_line(*line.file, policy, 0);
            const auto reread = escalate::parse_dump_line(again);
            if (!reread.file || reread.file->contacts.size() != line.file->contacts.size() ||
                reread.file->promises.size() != line.file->promises.size()) {
                std::abort();
            }
            // And it stores: into a fresh in-memory case log.
            escalate::Store store = escalate::Store::in_memory();
            auto tx = store.write("import", 0, escalate::Journal::Skip);
            const auto id = store.insert_case(line.file->kase);
            for (auto c : line.file->contacts) {
                c.case_id = id;
                store.insert_contact(c);
            }
            tx.commit();
        }
    } catch (const escalate::UsageError&) {
    } catch (const escalate::StorageError&) {
    }
    return 0;
}
