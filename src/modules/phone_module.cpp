// The phone-number module: libphonenumber's matcher and region list behind the C interface of
// modules.hpp.
#include <limits>
#include <set>
#include <string>

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include "modules.hpp"

namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

int find(const char* text, std::size_t size, const char* region, std::size_t* start,
         std::size_t* length) {
    try {
        PhoneNumberMatcher matcher(*PhoneNumberUtil::GetInstance(), std::string(text, size), region,
                                   PhoneNumberMatcher::POSSIBLE, std::numeric_limits<int>::max());
        PhoneNumberMatch match;
        if (matcher.HasNext() && matcher.Next(&match)) {
            *start = static_cast<std::size_t>(match.start());
            *length = static_cast<std::size_t>(match.length());
            return 1;
        }
        return 0;
    } catch (...) {
        return -1;
    }
}

int known_region(char first, char second) {
    try {
        static const std::set<std::string> regions = [] {
            std::set<std::string> out;
            PhoneNumberUtil::GetInstance()->GetSupportedRegions(&out);
            return out;
        }();
        return regions.contains(std::string{first, second}) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

constexpr EscalatePhoneModule module{escalate_module_abi, find, known_region};

} // namespace

extern "C" __attribute__((visibility("default"))) const EscalatePhoneModule*
escalate_phone_module() {
    return &module;
}
