#include "web/pages/page_templates.h"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "domain/text.h"

namespace llw::pages {

// Defined in the generated web_assets.cpp.
const std::map<std::string, std::string>& embedded_templates();
const std::map<std::string, std::string>& embedded_static_files();

namespace {

namespace mstch = kainjow::mustache;

// kainjow's set() and push_back() copy what they are given, which would copy every nested value
// once per level above it (a page's view is 3-4 levels deep). So an empty value goes in first and
// the converted one is moved into its place: the data is ours, only the accessor is const.
mstch::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data object{mstch::data::type::object};
      for (const auto& [key, member] : value.items()) {
        object.set(key, mstch::data{});
        *const_cast<mstch::data*>(object.get(key)) = to_data(member);
      }
      return object;
    }
    case nlohmann::json::value_t::array: {
      mstch::data list{mstch::data::type::list};
      for (const auto& element : value) {
        list.push_back(mstch::data{});
        const_cast<mstch::data&>(list.list_value().back()) = to_data(element);
      }
      return list;
    }
    case nlohmann::json::value_t::string:
      // An empty string is false, as in mustache.js: "{{#x}}…{{/x}}" shows only when x has text,
      // and "{{x}}" prints nothing either way.
      if (value.get_ref<const std::string&>().empty()) {
        return mstch::data{mstch::data::type::bool_false};
      }
      return mstch::data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? mstch::data{mstch::data::type::bool_true}
                               : mstch::data{mstch::data::type::bool_false};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return mstch::data{std::to_string(value.get<std::int64_t>())};
    case nlohmann::json::value_t::number_float:
      return mstch::data{format_vietnamese_number(value.get<double>())};
    default:
      return mstch::data{mstch::data::type::bool_false};
  }
}

// Templates are parsed once; kainjow's mustache objects are not shared between threads while
// rendering, so each render copies the parsed template (cheap next to parsing). A page's body is
// its template without the frame: {{>head}} and {{>foot}} left out.
enum class Part { whole, body };

const mstch::mustache& parsed(const std::string& name, Part part) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, Part>, std::unique_ptr<mstch::mustache>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[{name, part}];
  if (!slot) {
    const auto& templates = embedded_templates();
    const auto it = templates.find(name);
    if (it == templates.end()) throw std::runtime_error("unknown template " + name);
    // The partials are put in the text before parsing, so that they are parsed once here rather
    // than at every render (kainjow parses a partial each time it meets one).
    std::string text = it->second;
    // form_sections first: it holds {{>field}} tags of its own.
    for (const char* partial :
         {"form_sections", "head", "foot", "field", "plan_links", "year_comparison",
          "evidence_list", "evidence_changes", "signed_copy"}) {
      const std::string tag = std::string("{{>") + partial + "}}";
      const bool frame = std::string_view(partial) == "head" || std::string_view(partial) == "foot";
      const std::string& body = part == Part::body && frame ? std::string() : templates.at(partial);
      for (auto at = text.find(tag); at != std::string::npos;
           at = text.find(tag, at + body.size())) {
        text.replace(at, tag.size(), body);
      }
    }
    slot = std::make_unique<mstch::mustache>(text);
    if (!slot->is_valid()) {
      throw std::runtime_error("template " + name + ": " + slot->error_message());
    }
  }
  return *slot;
}

std::string render(const std::string& name, Part part, const nlohmann::json& view) {
  mstch::mustache tmpl = parsed(name, part);
  const mstch::data data = to_data(view);
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return html;
}

}  // namespace

std::string render_template(const std::string& name, const nlohmann::json& view) {
  return render(name, Part::whole, view);
}

std::string render_page_body(const std::string& name, const nlohmann::json& view) {
  return render(name, Part::body, view);
}

StaticFile find_static_file(const std::string& name) {
  const auto& files = embedded_static_files();
  const auto it = files.find(name);
  if (it == files.end()) return {};
  StaticFile file;
  file.bytes = &it->second;
  const auto ends_with = [&](const char* suffix) {
    const std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with(".css"))
    file.content_type = "text/css; charset=utf-8";
  else if (ends_with(".js"))
    file.content_type = "text/javascript; charset=utf-8";
  else if (ends_with(".svg"))
    file.content_type = "image/svg+xml";
  else
    file.content_type = "application/octet-stream";
  return file;
}

}  // namespace llw::pages
