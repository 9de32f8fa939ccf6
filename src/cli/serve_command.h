#pragma once
// `llw serve`: the web server (JSON API and pages) on a database, with the e-mail reminders'
// schedule when a mail server is given. Registered on the command line by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace llw::cli {

// Adds `serve` to `app`. Returns a function that runs it when it was chosen (it returns when the
// server stops), or returns -1.
std::function<int()> add_serve_command(CLI::App& app);

}  // namespace llw::cli
