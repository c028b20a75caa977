// svg and png: the timeline picture alone, to attach to a post.
#include "escalate/errors.hpp"
#include "escalate/timeline.hpp"

namespace escalate {

std::string render_svg(const Timeline&, const Policy&) {
    throw UsageError("--format svg is not built yet");
}

std::string render_png(const Timeline&, const Policy&) {
    throw UsageError("--format png is not built yet");
}

} // namespace escalate
