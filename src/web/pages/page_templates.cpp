#include "web/pages/page_templates.h"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "domain/text.h"

namespace llw::pages {

// Defined in the generated web_assets.cpp.
const std::map<std::string, std::string>& embedded_templates();
const std::map<std::string, std::string>& embedded_static_files();

namespace {

namespace mstch = kainjow::mustache;

mstch::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data object{mstch::data::type::object};
      for (const auto& [key, member] : value.items()) object.set(key, to_data(member));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mstch::data list{mstch::data::type::list};
      for (const auto& element : value) list.push_back(to_data(element));
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
// rendering, so each render copies the parsed template (cheap next to parsing).
const mstch::mustache& parsed(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<mstch::mustache>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[name];
  if (!slot) {
    const auto& templates = embedded_templates();
    const auto it = templates.find(name);
    if (it == templates.end()) throw std::runtime_error("unknown template " + name);
    slot = std::make_unique<mstch::mustache>(it->second);
    if (!slot->is_valid()) {
      throw std::runtime_error("template " + name + ": " + slot->error_message());
    }
  }
  return *slot;
}

}  // namespace

std::string render_template(const std::string& name, const nlohmann::json& view) {
  mstch::mustache tmpl = parsed(name);
  mstch::data data = to_data(view);
  const auto& templates = embedded_templates();
  for (const char* partial_name : {"head", "foot", "field"}) {
    const std::string* text = &templates.at(partial_name);
    data.set(partial_name, mstch::partial([text] { return *text; }));
  }
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return html;
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
