#include "html_query.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <stdexcept>

namespace llw::test {
namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextFree {
  void operator()(xmlXPathContext* context) const { xmlXPathFreeContext(context); }
};
struct ObjectFree {
  void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};
struct StringFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using OwnedString = std::unique_ptr<xmlChar, StringFree>;

std::string collapsed_whitespace(const xmlChar* raw) {
  std::string text;
  bool space = false;
  for (const char* c = reinterpret_cast<const char*>(raw); raw != nullptr && *c != '\0'; ++c) {
    const bool is_space = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\f';
    if (is_space) {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += *c;
  }
  return text;
}

}  // namespace

struct HtmlPage::Document {
  std::unique_ptr<xmlDoc, DocFree> doc;
  std::unique_ptr<xmlXPathContext, ContextFree> context;

  // The nodes `xpath` selects, in document order (none when the page could not be parsed).
  std::vector<xmlNode*> select(const std::string& xpath) const {
    if (!context) return {};
    const std::unique_ptr<xmlXPathObject, ObjectFree> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context.get()));
    if (!result) throw std::invalid_argument("not a valid XPath expression: " + xpath);
    std::vector<xmlNode*> nodes;
    if (result->type == XPATH_NODESET && result->nodesetval != nullptr) {
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
        nodes.push_back(result->nodesetval->nodeTab[i]);
      }
    }
    return nodes;
  }
};

HtmlPage::HtmlPage(std::string_view html) : document_(std::make_shared<Document>()) {
  document_->doc.reset(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (document_->doc) document_->context.reset(xmlXPathNewContext(document_->doc.get()));
}

std::vector<std::string> HtmlPage::texts(const std::string& xpath) const {
  std::vector<std::string> result;
  for (xmlNode* node : document_->select(xpath)) {
    const OwnedString content(xmlNodeGetContent(node));
    result.push_back(collapsed_whitespace(content.get()));
  }
  return result;
}

std::string HtmlPage::text(const std::string& xpath) const {
  const std::vector<std::string> all = texts(xpath);
  return all.empty() ? std::string{} : all.front();
}

std::size_t HtmlPage::count(const std::string& xpath) const {
  return document_->select(xpath).size();
}

std::string HtmlPage::attribute(const std::string& xpath, const std::string& name) const {
  for (xmlNode* node : document_->select(xpath)) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const OwnedString value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name.c_str())));
    return value ? collapsed_whitespace(value.get()) : std::string{};
  }
  return {};
}

}  // namespace llw::test
