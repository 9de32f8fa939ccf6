#pragma once
// A page as a browser sees it, for tests that check its structure: the HTML parsed by libxml2's
// HTML parser (forgiving, like a browser) and queried with XPath 1.0. A page that cannot be parsed
// holds nothing: every query finds no node. An XPath expression that does not compile throws.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace llw::test {

class HtmlPage {
 public:
  explicit HtmlPage(std::string_view html);

  // The text of every node `xpath` selects (an element's text, an attribute's value), with its
  // whitespace collapsed to single spaces and trimmed.
  std::vector<std::string> texts(const std::string& xpath) const;
  // The first of texts(xpath), or "" when nothing matches.
  std::string text(const std::string& xpath) const;
  std::size_t count(const std::string& xpath) const;
  // The attribute `name` of the first element `xpath` selects, or "" when there is none.
  std::string attribute(const std::string& xpath, const std::string& name) const;

 private:
  struct Document;
  std::shared_ptr<Document> document_;
};

}  // namespace llw::test
