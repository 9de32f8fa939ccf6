// Year over year on the pages (issue 18): the consolidated page and the dashboard keep their
// rendered bodies under this year's revision and last year's, so a late change to last year's
// reports shows at once, as it does in the summary API.

#include <gtest/gtest.h>

#include "app/reports.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

// The comparison's row of the 2025 form's first item.
constexpr const char* kArticlesPrevious =
    "//table[@id='comparison']//tr[th='Số bài viết phát trên Đài, Báo, cổng thông tin']/td[2]";

class YearComparisonPagesTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    // The campaign of An Dương stands for last year's of the node HP-AD.
    store_->campaigns().link_next_year(other_campaign_id_, campaign_id_);
  }

  void submit_last_year(const std::string& unit, int articles) {
    const UnitReport current = app_->reports().get_report(admin_, other_campaign_id_, unit);
    const UnitReport saved = app_->reports().save_draft(
        admin_, other_campaign_id_, unit, current.version, {{"media_articles", articles}});
    app_->reports().submit(admin_, other_campaign_id_, unit, saved.version);
  }

  std::string previous_articles(const PageSession& session, const std::string& page) const {
    const HttpReply reply =
        session.open("/dot/" + std::to_string(campaign_id_) + "/" + page + "/HP-AD");
    EXPECT_EQ(reply.status, 200) << page;
    return HtmlPage(reply.body).text(kArticlesPrevious);
  }
};

TEST_F(YearComparisonPagesTest, ALateChangeToLastYearsReportsShowsAtOnceOnBothPages) {
  submit_last_year("HP-AD-THCS", 3);
  PageSession admin(*http_);
  ASSERT_EQ(admin.sign_in(kAdmin, kPassword).status, 303);
  EXPECT_EQ(previous_articles(admin, "tong-hop"), "3");
  EXPECT_EQ(previous_articles(admin, "tong-quan"), "3");
  // Last year's campaign changes; this year's revision does not.
  submit_last_year("HP-AD-THON2", 4);
  EXPECT_EQ(previous_articles(admin, "tong-hop"), "7");
  EXPECT_EQ(previous_articles(admin, "tong-quan"), "7");
}

}  // namespace
}  // namespace llw::test
