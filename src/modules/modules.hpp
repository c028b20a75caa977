// The two parts of escalate that need large libraries, built as modules that only the commands
// using them load (docs/performance.md, "Start-up"): libphonenumber (with ICU and protobuf) for
// redaction and thread lengths, librsvg (with cairo, pango and glib) for png export. Linked into
// every process, their 50-odd libraries took 30 ms of every command's 39 ms start.
//
// The interface is plain C so that a module built by the same build is all the loader needs to
// trust: no C++ types or exceptions cross it.
#pragma once

#include <cstddef>

extern "C" {

// Bumped whenever a struct below changes; the loader refuses a module of another revision.
inline constexpr int escalate_module_abi = 1;

struct EscalatePhoneModule {
    int abi;
    // The first number in text[0, size) that libphonenumber's matcher finds possible for the
    // region ("GB"): 1 with its byte range in *start and *length, 0 when there is none, -1 when
    // the matcher failed.
    int (*find)(const char* text, std::size_t size, const char* region, std::size_t* start,
                std::size_t* length);
    // 1 when the two capital letters are a region libphonenumber knows (ISO 3166), else 0.
    int (*known_region)(char first, char second);
};

struct EscalatePngModule {
    int abi;
    // Draws the svg on a white width x height image and hands the png to write(closure, ...),
    // which returns 0 to go on. Returns 0, or 1 with a one-line reason in error[0, error_size).
    int (*render)(const char* svg, std::size_t size, int width, int height,
                  int (*write)(void* closure, const unsigned char* data, unsigned int length),
                  void* closure, char* error, std::size_t error_size);
};

// Each module's one entry point (visible in the module, or linked in: see load.cpp).
const EscalatePhoneModule* escalate_phone_module();
const EscalatePngModule* escalate_png_module();
}

namespace escalate::modules {

// The module, loaded on first use from the directory of the executable or the installed
// module directory. Throws escalate::Error naming the file when it cannot be loaded.
[[nodiscard]] const EscalatePhoneModule& phone();
[[nodiscard]] const EscalatePngModule& png();

} // namespace escalate::modules
