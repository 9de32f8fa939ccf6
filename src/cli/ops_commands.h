#pragma once
// Operations commands of `llw` (docs/deploy.md): copying a whole database between backends and
// backing up a live SQLite file. Registered on the command line by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace llw::cli {

// Adds `copy-db` and `backup` to `app`. Returns a function that runs the one that was chosen
// (returning its exit code), or returns -1 when neither was.
std::function<int()> add_ops_commands(CLI::App& app);

}  // namespace llw::cli
