// Reading a thread export back into posts, and checking the rules every thread keeps
// (SPEC section 5): numbered n/N, at most the limit in code points, no blank line inside.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace escalate::test {

inline std::size_t code_points(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

inline std::vector<std::string> posts_of(const std::string& thread) {
    std::vector<std::string> posts;
    std::size_t at = 0;
    while (at < thread.size()) {
        auto end = thread.find("\n\n", at);
        std::string post =
            thread.substr(at, end == std::string::npos ? std::string::npos : end - at);
        while (!post.empty() && post.back() == '\n') {
            post.pop_back();
        }
        posts.push_back(post);
        if (end == std::string::npos) {
            break;
        }
        at = end + 2;
    }
    return posts;
}

// Every post within the limit, numbered n/N, with no blank line inside.
inline void check_thread(const std::string& thread, std::size_t limit = 280) {
    const auto posts = posts_of(thread);
    REQUIRE_FALSE(posts.empty());
    for (std::size_t i = 0; i < posts.size(); ++i) {
        INFO(posts[i]);
        CHECK(code_points(posts[i]) <= limit);
        CHECK(
            posts[i].starts_with(std::to_string(i + 1) + "/" + std::to_string(posts.size()) + " "));
        CHECK(posts[i].find('\n') == std::string::npos);
    }
}

} // namespace escalate::test
