#include "web/pages/paging_view.h"

#include "web/pages/view_format.h"

namespace llw::pages {

nlohmann::json paging_view(std::int64_t page, std::int64_t pages,
                           const std::function<std::string(std::int64_t)>& href_of) {
  nlohmann::json paging = {{"page", format_count(static_cast<double>(page))},
                           {"pages", format_count(static_cast<double>(pages))},
                           {"has_pages", pages > 1},
                           {"has_previous", page > 1},
                           {"has_next", page < pages}};
  if (page > 1) {
    paging["previous_href"] = href_of(page - 1);
    paging["first_href"] = href_of(1);
  }
  if (page < pages) {
    paging["next_href"] = href_of(page + 1);
    paging["last_href"] = href_of(pages);
  }
  return paging;
}

}  // namespace llw::pages
