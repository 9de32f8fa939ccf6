#pragma once
// Commands that fill the directory of units and accounts: `user add` and `import-units`.
// Registered on the command line by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace llw::cli {

// Adds `user add` and `import-units` to `app`. Returns a function that runs the one that was
// chosen (its exit code), or returns -1 when neither was.
std::function<int()> add_directory_commands(CLI::App& app);

}  // namespace llw::cli
