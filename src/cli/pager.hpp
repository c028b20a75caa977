// Long output on a terminal goes through a pager, as git's does: ESCALATE_PAGER, else PAGER,
// else less (with LESS=FRX when LESS is unset: it quits at once when the text fits the screen,
// keeps colours and leaves the text on the screen). An empty pager or "cat" means none.
#pragma once

#include <memory>

#include <sys/types.h>

namespace escalate::cli {

class Pager {
public:
    // Standard output sent to the pager from now on, when standard output is a terminal and a
    // pager is set; else nullptr, and output goes on as it was. A pager that cannot be started
    // is said on stderr, and the output printed directly.
    [[nodiscard]] static std::unique_ptr<Pager> start();
    explicit Pager(pid_t pid) : pid_(pid) {}
    // Ends the output and waits for the person to leave the pager.
    ~Pager();
    Pager(const Pager&) = delete;
    Pager& operator=(const Pager&) = delete;

private:
    pid_t pid_;
};

} // namespace escalate::cli
