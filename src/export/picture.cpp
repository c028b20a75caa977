// svg and png: the timeline picture alone, to attach to a post. The png is the svg rendered by
// librsvg and cairo (the png module, loaded only here), twice the size for screens that have more
// pixels than CSS pixels.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/timeline.hpp"
#include "modules/modules.hpp"
#include "svg_picture.hpp"

namespace escalate {

namespace {

constexpr double png_scale = 2;

int append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return 0;
}

} // namespace

std::string render_svg(const Timeline& t, const Policy& policy) {
    return export_detail::timeline_picture(t, policy, export_detail::PictureUse::Standalone).svg;
}

std::string render_png(const Timeline& t, const Policy& policy) {
    const auto picture =
        export_detail::timeline_picture(t, policy, export_detail::PictureUse::Standalone);
    // cairo's image surfaces stop at 32767 pixels a side.
    const double scale = std::min(png_scale, 32000.0 / picture.height);
    const int w = static_cast<int>(picture.width * scale);
    const int h = static_cast<int>(picture.height * scale);
    std::string png;
    std::array<char, 256> why{};
    if (modules::png().render(picture.svg.data(), picture.svg.size(), w, h, append_bytes, &png,
                              why.data(), why.size()) != 0) {
        throw Error(fmt::format("could not render the png: {}", why.data()));
    }
    if (png.empty()) {
        throw Error("could not render the png: cairo wrote nothing");
    }
    return png;
}

} // namespace escalate
