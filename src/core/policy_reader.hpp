// The reader of the merged policy document, shared by policy_read.cpp (channels, tiers,
// weights) and policy_rules.cpp (clocks and regimes). Private to src/core.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "escalate/policy.hpp"

namespace escalate::policy_detail {

using Json = Policy::Json;

// Reads typed values out of the merged document, collecting every problem by JSON path.
class Reader {
public:
    std::vector<std::string> problems;

    void bad(const std::string& path, std::string_view expected) {
        problems.push_back(fmt::format("{} must be {}", path, expected));
    }
    const Json* find(const Json& obj, std::string_view key) {
        if (!obj.is_object()) {
            return nullptr;
        }
        const auto it = obj.find(std::string(key));
        return it == obj.end() || it->is_null() ? nullptr : &*it;
    }
    double number(const Json& obj, std::string_view key, const std::string& path, double lo,
                  double hi, std::optional<double> fallback = std::nullopt) {
        const std::string at = fmt::format("{}/{}", path, key);
        const Json* v = find(obj, key);
        if (v == nullptr) {
            if (!fallback) {
                bad(at, fmt::format("a number from {} to {}", lo, hi));
                return lo;
            }
            return *fallback;
        }
        if (!v->is_number() || v->get<double>() < lo || v->get<double>() > hi) {
            bad(at, fmt::format("a number from {} to {}", lo, hi));
            return lo;
        }
        return v->get<double>();
    }
    // A whole number: tiers, days and counts are never fractions.
    int integer(const Json& obj, std::string_view key, const std::string& path, int lo, int hi,
                std::optional<int> fallback = std::nullopt) {
        const std::string at = fmt::format("{}/{}", path, key);
        const Json* v = find(obj, key);
        if (v == nullptr && fallback) {
            return *fallback;
        }
        if (v == nullptr || !v->is_number() || v->get<double>() != std::floor(v->get<double>()) ||
            v->get<double>() < lo || v->get<double>() > hi) {
            bad(at, fmt::format("a whole number from {} to {}", lo, hi));
            return lo;
        }
        return static_cast<int>(v->get<double>());
    }
    std::vector<std::string> texts(const Json& obj, std::string_view key, const std::string& path) {
        std::vector<std::string> out;
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return out;
        }
        if (!v->is_array()) {
            bad(fmt::format("{}/{}", path, key), "a list of names");
            return out;
        }
        for (const auto& item : *v) {
            if (!item.is_string()) {
                bad(fmt::format("{}/{}", path, key), "a list of names");
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return out;
    }
    std::string text(const Json& obj, std::string_view key, const std::string& path,
                     std::string fallback) {
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return fallback;
        }
        if (!v->is_string()) {
            bad(fmt::format("{}/{}", path, key), "text");
            return fallback;
        }
        return v->get<std::string>();
    }
    bool boolean(const Json& obj, std::string_view key, const std::string& path, bool fallback) {
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return fallback;
        }
        if (!v->is_boolean()) {
            bad(fmt::format("{}/{}", path, key), "true or false");
            return fallback;
        }
        return v->get<bool>();
    }
    // Reads /key/field into a checked struct member: a number, at least zero.
    void member(const Json& doc, std::string_view key, std::string_view field, double& into,
                double hi) {
        const Json* obj = find(doc, key);
        into = number(obj ? *obj : Json::object(), field, fmt::format("/{}", key), 0, hi, into);
    }
    // Every key of a weights-like object: numbers, at least zero.
    std::map<std::string, double, std::less<>> numbers(const Json& doc, std::string_view key,
                                                       double hi) {
        std::map<std::string, double, std::less<>> out;
        const std::string path = fmt::format("/{}", key);
        const Json* obj = find(doc, key);
        if (obj == nullptr || !obj->is_object()) {
            bad(path, "an object of numbers");
            return out;
        }
        for (const auto& [name, value] : obj->items()) {
            if (!value.is_null()) {
                out.emplace(name, number(*obj, name, path, 0, hi));
            }
        }
        return out;
    }
};

[[nodiscard]] ClockPolicy parse_clock(Reader& r, const std::string& name, const Json& c);
[[nodiscard]] RegimePolicy parse_regime(Reader& r, const std::string& name, const Json& g,
                                        const std::vector<ClockPolicy>& clocks);

} // namespace escalate::policy_detail
