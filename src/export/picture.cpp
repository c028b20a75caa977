// svg and png: the timeline picture alone, to attach to a post. The png is the svg rendered by
// librsvg and cairo, twice the size for screens that have more pixels than CSS pixels.
#include <memory>

#include <cairo.h>
#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include "escalate/errors.hpp"
#include "escalate/timeline.hpp"
#include "svg_picture.hpp"

namespace escalate {

namespace {

constexpr double png_scale = 2;

struct CairoSurface {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoContext {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObject {
    void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
struct GErrorFree {
    void operator()(GError* e) const { g_error_free(e); }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

[[noreturn]] void render_failed(const std::string& why) {
    throw Error(fmt::format("could not render the png: {}", why));
}

} // namespace

std::string render_svg(const Timeline& t, const Policy& policy) {
    return export_detail::timeline_picture(t, policy, export_detail::PictureUse::Standalone).svg;
}

std::string render_png(const Timeline& t, const Policy& policy) {
    const auto picture =
        export_detail::timeline_picture(t, policy, export_detail::PictureUse::Standalone);
    GError* raw_error = nullptr;
    const std::unique_ptr<RsvgHandle, GObject> handle(rsvg_handle_new_from_data(
        reinterpret_cast<const guint8*>(picture.svg.data()), picture.svg.size(), &raw_error));
    std::unique_ptr<GError, GErrorFree> error(raw_error);
    if (!handle) {
        render_failed(error ? error->message : "librsvg refused the picture");
    }
    // cairo's image surfaces stop at 32767 pixels a side.
    const double scale = std::min(png_scale, 32000.0 / picture.height);
    const int w = static_cast<int>(picture.width * scale);
    const int h = static_cast<int>(picture.height * scale);
    const std::unique_ptr<cairo_surface_t, CairoSurface> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        render_failed(cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    const std::unique_ptr<cairo_t, CairoContext> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    const RsvgRectangle viewport{0, 0, static_cast<double>(w), static_cast<double>(h)};
    raw_error = nullptr;
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &raw_error)) {
        error.reset(raw_error);
        render_failed(error ? error->message : "librsvg could not draw the picture");
    }
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        render_failed(cairo_status_to_string(cairo_status(cr.get())));
    }
    cairo_surface_flush(surface.get());
    std::string png;
    if (const auto s = cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png);
        s != CAIRO_STATUS_SUCCESS || png.empty()) {
        render_failed(cairo_status_to_string(s));
    }
    return png;
}

} // namespace escalate
