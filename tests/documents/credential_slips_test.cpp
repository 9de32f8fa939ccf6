// The credential slips PDF read back with poppler: pdftotext finds every slip's unit, username,
// password and sign-in address (with Vietnamese diacritics), pdfinfo counts four slips to a page,
// and the QR code rendered by pdftoppm holds exactly the modules libqrencode gives for the
// sign-in address.
#include "documents/credential_slips.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "document_fixtures.h"

namespace llw::documents {
namespace {

using testing::pdf_text;
using testing::run;
using testing::TempDir;

constexpr const char* kUrl = "http://llw.example.vn:8080/dang-nhap";

CredentialSlipSheet sheet_of(int count) {
  CredentialSlipSheet sheet;
  sheet.heading = "Ủy ban nhân dân xã An Hưng";
  sheet.sign_in_url = kUrl;
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    sheet.slips.push_back({"Trường Tiểu học Đông Hưng số " + n, "HP-AH-TH" + n,
                           "th" + n + ".anhung", "k7mq-3wzp-h2d" + n});
  }
  return sheet;
}

int page_count(const std::string& path) {
  std::smatch m;
  const std::string info = run("pdfinfo '" + path + "'");
  static const std::regex pages(R"(Pages:\s+(\d+))");
  return std::regex_search(info, m, pages) ? std::stoi(m[1]) : 0;
}

// A binary PGM (P5) as rows of grey levels.
struct Grey {
  int width = 0, height = 0;
  std::string pixels;
  int at(int x, int y) const { return static_cast<unsigned char>(pixels[y * width + x]); }
};

Grey read_pgm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int max = 0;
  Grey image;
  in >> magic >> image.width >> image.height >> max;
  in.get();
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  in.read(image.pixels.data(), static_cast<std::streamsize>(image.pixels.size()));
  return image;
}

TEST(CredentialSlipsTest, EverySlipCarriesItsUnitUsernamePasswordAndAddress) {
  TempDir dir;
  const std::string path = dir.file("slips.pdf");
  testing::write_file(path, render_credential_slips(sheet_of(5)));
  EXPECT_EQ(page_count(path), 2);  // four slips to a page
  const std::string text = pdf_text(path);
  for (int i = 1; i <= 5; ++i) {
    const std::string n = std::to_string(i);
    EXPECT_NE(text.find("Trường Tiểu học Đông Hưng số " + n), std::string::npos) << n;
    EXPECT_NE(text.find("th" + n + ".anhung"), std::string::npos) << n;
    EXPECT_NE(text.find("k7mq-3wzp-h2d" + n), std::string::npos) << n;
  }
  EXPECT_NE(text.find("Mật khẩu dùng một lần"), std::string::npos);
  EXPECT_NE(text.find(kUrl), std::string::npos);
  EXPECT_NE(text.find("Ủy ban nhân dân xã An Hưng"), std::string::npos);
}

TEST(CredentialSlipsTest, TheQrCodeHoldsTheSignInAddress) {
  TempDir dir;
  const std::string path = dir.file("slips.pdf");
  testing::write_file(path, render_credential_slips(sheet_of(1)));
  run("pdftoppm -r 300 -gray -f 1 -l 1 '" + path + "' '" + dir.file("page") + "'");
  const Grey page = read_pgm(dir.file("page-1.pgm"));
  ASSERT_GT(page.width, 2000) << "pdftoppm did not render the page";
  // The QR code is the only dark area right of the text column (from 153 mm of the 210 mm page)
  // in the first slip (the top quarter).
  int left = page.width, right = -1, top = page.height, bottom = -1;
  for (int y = 0; y < page.height / 4; ++y) {
    for (int x = page.width * 73 / 100; x < page.width; ++x) {
      if (page.at(x, y) >= 128) continue;
      left = std::min(left, x);
      right = std::max(right, x);
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
  }
  ASSERT_GT(right, left);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> expected(
      QRcode_encodeString8bit(kUrl, 0, QR_ECLEVEL_M), QRcode_free);
  ASSERT_TRUE(expected);
  const int modules = expected->width;
  const double module_width = double(right - left + 1) / modules;
  EXPECT_NEAR(module_width, double(bottom - top + 1) / modules, 0.5);  // square
  int wrong = 0;
  for (int row = 0; row < modules; ++row) {
    for (int column = 0; column < modules; ++column) {
      const int x = left + static_cast<int>((column + 0.5) * module_width);
      const int y = top + static_cast<int>((row + 0.5) * module_width);
      const bool dark = page.at(x, y) < 128;
      if (dark != bool(expected->data[row * modules + column] & 1)) ++wrong;
    }
  }
  EXPECT_EQ(wrong, 0) << "of " << modules * modules << " modules";
}

TEST(CredentialSlipsTest, ASheetWithoutSlipsSaysSo) {
  TempDir dir;
  const std::string path = dir.file("empty.pdf");
  testing::write_file(path, render_credential_slips(sheet_of(0)));
  EXPECT_EQ(page_count(path), 1);
  EXPECT_NE(pdf_text(path).find("Không có tài khoản nào"), std::string::npos);
}

}  // namespace
}  // namespace llw::documents
