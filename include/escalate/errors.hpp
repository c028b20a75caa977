// The handful of error kinds the core raises. The command line maps each to an exit code in
// one place (src/cli/app.cpp); nothing else decides exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace escalate {

// Base of every error escalate reports to the user. what() is one line, without the
// "escalate: " prefix.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    [[nodiscard]] virtual int exit_code() const noexcept { return 1; }
};

// Bad usage or invalid input: unknown channel or outcome, unparsable time, bad flag. Exit 2.
class UsageError : public Error {
public:
    using Error::Error;
    [[nodiscard]] int exit_code() const noexcept override { return 2; }
};

// A case, contact, promise or org that does not exist. Exit 3.
class NotFoundError : public Error {
public:
    using Error::Error;
    [[nodiscard]] int exit_code() const noexcept override { return 3; }
};

// A case reference that matches more than one case. Exit 4.
class AmbiguousError : public Error {
public:
    using Error::Error;
    [[nodiscard]] int exit_code() const noexcept override { return 4; }
};

// The database cannot be opened, read or written, or is not an escalate database. Exit 1.
class StorageError : public Error {
public:
    using Error::Error;
};

} // namespace escalate
