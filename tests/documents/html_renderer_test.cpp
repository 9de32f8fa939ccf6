// The HTML preview of a document says what the PDF says: the same header, labels and texts from
// the same model, with every text escaped.
#include "documents/html_renderer.h"

#include <gtest/gtest.h>

#include "document_fixtures.h"

namespace llw::documents {
namespace {

using namespace llw::documents::testing;

TEST(HtmlRenderer, ThePlanPreviewHoldsWhatThePdfHolds) {
  Commune c;
  const std::string html = render_html(build_plan_document(c.campaign, c.commune, &c.city));
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 83/KH-UBND",
        "An Hưng, ngày 01 tháng 10 năm 2025", "XÃ AN HƯNG", "KẾ HOẠCH",
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
        "đ) Tổ chức các cuộc thi", "TM. ỦY BAN NHÂN DÂN", "Nguyễn Thị Hồng Vân",
        "Nơi nhận:", "- Lưu: VT.", "ĐỀ CƯƠNG BÁO CÁO"}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(html.rfind("<article class=\"doc-preview\"", 0), 0u);
}

TEST(HtmlRenderer, EveryTextIsEscapedAndControlCharactersDropped) {
  Document doc;
  doc.title = "BÁO CÁO";
  doc.header.number = "Số: <b>1</b>";
  doc.body.push_back(paragraph("<script>alert('x')</script> & \x01 \"q\""));
  Table table;
  table.rows.push_back({{"<img src=x onerror=alert(1)>"}, false});
  doc.body.push_back(table_block(table));
  doc.recipients = {"<i>Lưu</i>"};
  const std::string html = render_html(doc);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>1"), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"), std::string::npos);
  EXPECT_NE(html.find("&quot;q&quot;"), std::string::npos);
  EXPECT_NE(html.find("- &lt;i&gt;Lưu&lt;/i&gt;"), std::string::npos);
}

}  // namespace
}  // namespace llw::documents
