// Loading the modules of modules.hpp on first use: next to the executable (the build tree), else
// in the installed module directory, found relative to the executable (ESCALATE_MODULE_DIR is
// the path from the installed bin directory to it) so that an installed tree can be moved.
#include <dlfcn.h>

#include <array>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "modules.hpp"

// A test or fuzz target that links a module's objects defines its entry point; the escalate
// binary does not, and these references are then null.
#pragma weak escalate_phone_module
#pragma weak escalate_png_module

namespace escalate::modules {

namespace {

namespace fs = std::filesystem;

template <class Module>
const Module& load(const char* file, const char* symbol, const char* what,
                   const Module* (*linked)()) {
    if (linked != nullptr) {
        return *linked();
    }
    std::error_code ec;
    const fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    const std::array candidates{dir / file, (dir / ESCALATE_MODULE_DIR / file).lexically_normal()};
    for (const fs::path& path : candidates) {
        if (!fs::exists(path, ec)) {
            continue;
        }
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            throw Error(fmt::format("cannot load {} ({}): {}", what, path.string(), dlerror()));
        }
        using Entry = const Module* (*)();
        const auto entry = reinterpret_cast<Entry>(dlsym(handle, symbol));
        const Module* module = entry != nullptr ? entry() : nullptr;
        if (module == nullptr || module->abi != escalate_module_abi) {
            throw Error(fmt::format("cannot use {} ({}): it belongs to another build of escalate",
                                    what, path.string()));
        }
        return *module;
    }
    throw Error(fmt::format("cannot find {} ({} is neither next to the escalate binary nor in {}); "
                            "reinstall escalate",
                            what, file, candidates[1].parent_path().string()));
}

} // namespace

const EscalatePhoneModule& phone() {
    static const EscalatePhoneModule& module =
        load("escalate-phone.so", "escalate_phone_module", "the phone-number module",
             escalate_phone_module);
    return module;
}

const EscalatePngModule& png() {
    static const EscalatePngModule& module =
        load("escalate-png.so", "escalate_png_module", "the png module", escalate_png_module);
    return module;
}

} // namespace escalate::modules
