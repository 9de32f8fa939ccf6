#include "documents/bar_chart.h"

#include <cairo.h>
#include <gtest/gtest.h>

namespace llw::documents {
namespace {

BarChart directions() {
  BarChart chart;
  chart.title = "Số lượt người tham gia theo nội dung hoạt động";
  chart.labels = {"a) Tuyên truyền", "b) Kỹ năng số", "đ) Cuộc thi, trải nghiệm"};
  chart.values = {950, 0, 120};
  chart.unit = "lượt người";
  return chart;
}

TEST(BarChart, PngHasTheRequestedSizeAndInk) {
  const std::string png = render_bar_chart_png(directions(), 400, 120, 1.0);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  // Width and height are big-endian in the IHDR chunk.
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) |
           (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 400u);
  EXPECT_EQ(be32(20), 120u);
}

TEST(BarChart, LongestBarBelongsToTheLargestValue) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 120);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  BarChart chart = directions();
  chart.title.clear();
  draw_bar_chart(cr, chart, 0, 0, 400, 120);
  cairo_surface_flush(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  // Counts bar-coloured (blue) pixels along the middle of each of the three rows.
  const auto blue_run = [&](int y) {
    int count = 0;
    for (int x = 0; x < 400; ++x) {
      const unsigned char* px = data + y * stride + x * 4;  // B G R x
      if (px[0] > 120 && px[2] < 80) ++count;
    }
    return count;
  };
  const int first = blue_run(20), second = blue_run(60), third = blue_run(100);
  EXPECT_GT(first, 150);
  EXPECT_EQ(second, 0);
  EXPECT_GT(third, 10);
  EXPECT_LT(third, first / 4);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

TEST(BarChart, SvgIsAnSvgDocument) {
  const std::string svg = render_bar_chart_svg(directions(), 400, 120);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace llw::documents
