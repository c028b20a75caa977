// The png module: librsvg draws the svg on a cairo image surface, which cairo writes as png.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "modules.hpp"

namespace {

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

int fail(std::string_view why, char* error, std::size_t error_size) {
    if (error_size > 0) {
        const std::size_t n = std::min(why.size(), error_size - 1);
        std::memcpy(error, why.data(), n);
        error[n] = '\0';
    }
    return 1;
}

struct Writer {
    int (*write)(void*, const unsigned char*, unsigned int);
    void* closure;
};

cairo_status_t forward(void* closure, const unsigned char* data, unsigned int length) {
    const auto* w = static_cast<const Writer*>(closure);
    return w->write(w->closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

int render(const char* svg, std::size_t size, int width, int height,
           int (*write)(void*, const unsigned char*, unsigned int), void* closure, char* error,
           std::size_t error_size) {
    GError* raw_error = nullptr;
    const std::unique_ptr<RsvgHandle, GObject> handle(
        rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg), size, &raw_error));
    std::unique_ptr<GError, GErrorFree> gerror(raw_error);
    if (!handle) {
        return fail(gerror ? gerror->message : "librsvg refused the picture", error, error_size);
    }
    const std::unique_ptr<cairo_surface_t, CairoSurface> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return fail(cairo_status_to_string(cairo_surface_status(surface.get())), error, error_size);
    }
    const std::unique_ptr<cairo_t, CairoContext> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    const RsvgRectangle viewport{0, 0, static_cast<double>(width), static_cast<double>(height)};
    raw_error = nullptr;
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &raw_error)) {
        gerror.reset(raw_error);
        return fail(gerror ? gerror->message : "librsvg could not draw the picture", error,
                    error_size);
    }
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        return fail(cairo_status_to_string(cairo_status(cr.get())), error, error_size);
    }
    cairo_surface_flush(surface.get());
    Writer writer{write, closure};
    if (const auto s = cairo_surface_write_to_png_stream(surface.get(), forward, &writer);
        s != CAIRO_STATUS_SUCCESS) {
        return fail(cairo_status_to_string(s), error, error_size);
    }
    return 0;
}

constexpr EscalatePngModule module{escalate_module_abi, render};

} // namespace

extern "C" __attribute__((visibility("default"))) const EscalatePngModule* escalate_png_module() {
    return &module;
}
