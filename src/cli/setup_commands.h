#pragma once
// Commands that prepare a database: `init` (schema and forms) and `demo` (realistic demo data).
// Registered on the command line by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace llw::cli {

// Adds `init` and `demo` to `app`. Returns a function that runs the one that was chosen (its exit
// code), or returns -1 when neither was.
std::function<int()> add_setup_commands(CLI::App& app);

}  // namespace llw::cli
