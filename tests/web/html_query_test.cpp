// The HTML helper of the web tests: it finds what a browser would see and nothing in a page that
// is not HTML.
#include "html_query.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace llw::test {
namespace {

constexpr const char* kPage = R"(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đơn vị</title></head>
<body><main>
  <table id="units">
    <tr><td>HP-ANHUNG</td><td>Xã   An
        Hưng</td><td>12</td></tr>
    <tr><td>HP-AH-THTT</td><td>Trường <b>Tiểu học</b></td><td>3</td></tr>
  </table>
  <form id="edit"><input name="version" value="7"><p id="f-name-err">Hãy nhập tên</p></form>
  <a id="back" href="/dot/1/tong-quan/HP">Quay lại</a>
</main></body></html>)";

TEST(HtmlPageTest, ReadsCellsByTheirRow) {
  const HtmlPage page(kPage);
  EXPECT_EQ(page.text("//table[@id='units']//tr[td[1]='HP-ANHUNG']/td[3]"), "12");
  EXPECT_EQ(page.text("//tr[td[1]='HP-ANHUNG']/td[2]"), "Xã An Hưng");  // whitespace collapsed
  EXPECT_EQ(page.text("//tr[td[1]='HP-AH-THTT']/td[2]"), "Trường Tiểu học");
  EXPECT_EQ(page.texts("//table[@id='units']//td[1]"),
            (std::vector<std::string>{"HP-ANHUNG", "HP-AH-THTT"}));
  EXPECT_EQ(page.count("//table[@id='units']//tr"), 2u);
}

TEST(HtmlPageTest, ReadsAttributesAndAttributeNodes) {
  const HtmlPage page(kPage);
  EXPECT_EQ(page.attribute("//a[@id='back']", "href"), "/dot/1/tong-quan/HP");
  EXPECT_EQ(page.text("//input[@name='version']/@value"), "7");
  EXPECT_EQ(page.text("//*[@id='f-name-err']"), "Hãy nhập tên");
  EXPECT_EQ(page.attribute("//a[@id='missing']", "href"), "");
  EXPECT_EQ(page.attribute("//a[@id='back']", "title"), "");
}

TEST(HtmlPageTest, FindsNothingThatIsNotThere) {
  const HtmlPage page(kPage);
  EXPECT_EQ(page.count("//form[@id='other']"), 0u);
  EXPECT_EQ(page.text("//form[@id='other']"), "");
  EXPECT_TRUE(page.texts("//button").empty());
}

TEST(HtmlPageTest, FindsNothingInABrokenPage) {
  for (const char* broken : {"", "\x01\x02\x03", "{\"error\": \"not html\"}"}) {
    const HtmlPage page(broken);
    EXPECT_EQ(page.count("//table"), 0u) << broken;
    EXPECT_EQ(page.count("//td"), 0u) << broken;
    EXPECT_EQ(page.text("//tr[td[1]='HP-ANHUNG']/td[3]"), "") << broken;
  }
}

TEST(HtmlPageTest, AnUnclosedTableStillHoldsItsCellsAsABrowserWouldShowThem) {
  const HtmlPage page("<table id='units'><tr><td>HP-ANHUNG<td>12");
  EXPECT_EQ(page.text("//table[@id='units']//tr[td[1]='HP-ANHUNG']/td[2]"), "12");
}

TEST(HtmlPageTest, RejectsAnExpressionThatIsNotXPath) {
  const HtmlPage page(kPage);
  EXPECT_THROW((void)page.count("//tr[td[1]='x'"), std::invalid_argument);
}

}  // namespace
}  // namespace llw::test
