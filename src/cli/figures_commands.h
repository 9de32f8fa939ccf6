#pragma once
// Commands that read the figures: `recount` (the aggregates again from the reports), `summary` (a
// node's consolidated summary) and `export` (documents and data files). Registered by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>

namespace llw::cli {

// Adds `recount`, `summary` and `export` to `app`. Returns a function that runs the one that was
// chosen (its exit code), or returns -1 when none was.
std::function<int()> add_figures_commands(CLI::App& app);

}  // namespace llw::cli
