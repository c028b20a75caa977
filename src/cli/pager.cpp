#include "pager.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "terminal.hpp"

extern char** environ;

namespace escalate::cli {

namespace {

// The pager a signal handler waits for.
volatile pid_t running_pager = 0;

void wait_for(pid_t pid) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

// Ctrl-C reaches the pager too, which stays on screen: the output ends, the person leaves the
// pager, and only then does escalate end by the signal, so that the shell gets its terminal
// back in order.
extern "C" void end_with_pager(int sig) {
    ::close(STDOUT_FILENO);
    if (running_pager > 0) {
        wait_for(running_pager);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

struct Choice {
    std::string command;
    bool from_env = false;
};

Choice chosen_pager() {
    for (const char* name : {"ESCALATE_PAGER", "PAGER"}) {
        if (const char* value = std::getenv(name)) {
            return {value, true};
        }
    }
    return {"less", false};
}

} // namespace

std::unique_ptr<Pager> Pager::start() {
    if (!stdout_is_terminal()) {
        return nullptr;
    }
    (void)output_width(); // read while standard output is still the terminal
    Choice pager = chosen_pager();
    const auto first = pager.command.find_first_not_of(" \t");
    const auto last = pager.command.find_last_not_of(" \t");
    pager.command = first == std::string::npos ? "" : pager.command.substr(first, last - first + 1);
    if (pager.command.empty() || pager.command == "cat") {
        return nullptr;
    }
    ::setenv("LESS", "FRX", 0);
    ::setenv("LV", "-c", 0);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return nullptr;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    // A plain program name is run directly (so that a missing one is known here); anything
    // with options or shell syntax by the shell, as git does.
    const bool plain =
        pager.command.find_first_of("|&;<>()$`\\\"' \t\n*?[#~=%") == std::string::npos;
    std::string sh = "sh";
    std::string dash_c = "-c";
    char* shell_argv[] = {sh.data(), dash_c.data(), pager.command.data(), nullptr};
    char* plain_argv[] = {pager.command.data(), nullptr};
    pid_t pid = 0;
    const int failed =
        plain ? ::posix_spawnp(&pid, pager.command.c_str(), &actions, nullptr, plain_argv, environ)
              : ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, shell_argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[0]);
    if (failed != 0) {
        ::close(fds[1]);
        if (pager.from_env) {
            std::fprintf(stderr, "escalate: cannot run the pager \"%s\": %s; printing directly\n",
                         pager.command.c_str(), std::strerror(failed));
        }
        return nullptr;
    }
    std::fflush(stdout);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[1]);
    running_pager = pid;
    for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
        std::signal(sig, end_with_pager);
    }
    return std::make_unique<Pager>(pid);
}

Pager::~Pager() {
    std::fflush(stdout);
    ::close(STDOUT_FILENO); // the pager sees the end of the text
    wait_for(pid_);
    running_pager = 0;
}

} // namespace escalate::cli
