#pragma once
// Rendering of the logic-less Mustache templates (templates/*.mustache, embedded at build time)
// and lookup of the static files (static/*, embedded too). Views are nlohmann::json built by the
// *_view.cpp functions; `{{x}}` escapes every value, and templates never use `{{{x}}}` for text
// a user typed.

#include <nlohmann/json.hpp>
#include <string>

namespace llw::pages {

// Renders the template `name` with `view`; the templates "head" and "foot" are available as the
// partials {{>head}} and {{>foot}}. Throws std::runtime_error for an unknown or broken template.
std::string render_template(const std::string& name, const nlohmann::json& view);

// The same without the page's frame ({{>head}} and {{>foot}} left out): what lies between the
// navigation and the footer. Every page template starts with {{>head}} and ends with {{>foot}},
// so render_template("head") + render_page_body(name) + render_template("foot") is the page.
std::string render_page_body(const std::string& name, const nlohmann::json& view);

struct StaticFile {
  const std::string* bytes = nullptr;  // null when there is no such file
  const char* content_type = "";
};

// The static file `name` ("app.css"); exactly the embedded names exist, so "../x" never does.
StaticFile find_static_file(const std::string& name);

}  // namespace llw::pages
