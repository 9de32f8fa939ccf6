#pragma once
// The page links of a paginated list ("Trang 3/120", first, previous, next, last), the same
// shape on every page that lists: {{#paging.has_pages}} … {{paging.next_href}} ….

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace llw::pages {

// `href_of(n)` is the address of page n of the same list (keeping its search and filter).
nlohmann::json paging_view(std::int64_t page, std::int64_t pages,
                           const std::function<std::string(std::int64_t)>& href_of);

}  // namespace llw::pages
