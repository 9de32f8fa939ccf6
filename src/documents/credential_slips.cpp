#include "documents/credential_slips.h"

#include <cairo-pdf.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "documents/text_layout.h"

namespace llw::documents {

using detail::make_layout;
using detail::TextAlign;
using detail::TextStyle;

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMm;
constexpr double kPageHeight = 297 * kMm;
constexpr double kMargin = 12 * kMm;
constexpr int kSlipsPerPage = 4;
constexpr double kSlipHeight = (kPageHeight - 2 * kMargin) / kSlipsPerPage;
constexpr double kPad = 5 * kMm;
constexpr double kQrSize = 36 * kMm;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// Draws `text` at (x, y) wrapped to `width`; returns the height used.
double text_at(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double y,
               double width, const char* family = nullptr) {
  LayoutPtr layout(make_layout(text, style, width), g_object_unref);
  if (family) {
    PangoFontDescription* font =
        pango_font_description_copy(pango_layout_get_font_description(layout.get()));
    pango_font_description_set_family(font, family);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
  }
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  return detail::layout_height(layout.get());
}

// The QR code of `text` as black modules in a `size` square at (x, y), with its quiet zone.
void draw_qr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) throw std::runtime_error("the sign-in address does not fit in a QR code");
  const int width = code->width;
  const double module = size / (width + 8);  // four modules of quiet zone on each side
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < width; ++row) {
    for (int column = 0; column < width; ++column) {
      if (code->data[row * width + column] & 1) {
        cairo_rectangle(cr, x + (column + 4) * module, y + (row + 4) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

void cut_line(cairo_t* cr, double y) {
  const double dashes[] = {4, 3};
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  cairo_set_line_width(cr, 0.5);
  cairo_set_dash(cr, dashes, 2, 0);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kPageWidth - kMargin, y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void draw_slip(cairo_t* cr, const CredentialSlipSheet& sheet, const CredentialSlip& slip,
               double top) {
  const double x = kMargin + kPad;
  const double text_width = kPageWidth - 2 * kMargin - 2 * kPad - kQrSize - kPad;
  const TextStyle small{10, false, false, TextAlign::left};
  const TextStyle label{11, false, false, TextAlign::left};
  const TextStyle strong{12, true, false, TextAlign::left};
  double y = top + kPad;
  cairo_set_source_rgb(cr, 0, 0, 0);
  y += text_at(cr, sheet.heading, small, x, y, text_width);
  y +=
      text_at(cr, "PHIẾU TÀI KHOẢN BÁO CÁO TUẦN LỄ HỌC TẬP SUỐT ĐỜI", strong, x, y, text_width) + 4;
  y += text_at(cr, "Đơn vị: " + slip.unit_name + " (" + slip.unit_code + ")", label, x, y,
               text_width) +
       2;
  y += text_at(cr, "Tên đăng nhập:", label, x, y, text_width);
  y += text_at(cr, slip.username, {14, true, false, TextAlign::left}, x + 4 * kMm, y, text_width,
               "Liberation Mono") +
       2;
  y += text_at(cr, "Mật khẩu dùng một lần:", label, x, y, text_width);
  y += text_at(cr, slip.password, {14, true, false, TextAlign::left}, x + 4 * kMm, y, text_width,
               "Liberation Mono") +
       2;
  y += text_at(cr, "Địa chỉ đăng nhập: " + sheet.sign_in_url, label, x, y, text_width) + 2;
  text_at(cr,
          "Lần đăng nhập đầu tiên, hệ thống yêu cầu đặt mật khẩu mới. Giữ kín phiếu này; mất "
          "phiếu thì đề nghị điều phối viên đặt lại mật khẩu.",
          {9, false, true, TextAlign::left}, x, y, text_width);
  draw_qr(cr, sheet.sign_in_url, kPageWidth - kMargin - kPad - kQrSize, top + kPad, kQrSize);
}

}  // namespace

std::string render_credential_slips(const CredentialSlipSheet& sheet) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_bytes, &bytes, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Phiếu tài khoản LLW");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "LLW");
  cairo_t* cr = cairo_create(surface);
  if (sheet.slips.empty()) {
    text_at(cr, "Không có tài khoản nào để in phiếu.", {12, false, false, TextAlign::left}, kMargin,
            kMargin, kPageWidth - 2 * kMargin);
  }
  for (std::size_t i = 0; i < sheet.slips.size(); ++i) {
    const int slot = static_cast<int>(i % kSlipsPerPage);
    if (i > 0 && slot == 0) cairo_show_page(cr);
    const double top = kMargin + slot * kSlipHeight;
    draw_slip(cr, sheet, sheet.slips[i], top);
    if (slot + 1 < kSlipsPerPage) cut_line(cr, top + kSlipHeight);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

}  // namespace llw::documents
