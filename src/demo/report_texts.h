#pragma once
// The texts the demo's reports are written with (report_texts.cpp): pools of plausible sentences
// for each narrative part, the forms of rewards and the names of other activities. Nothing in
// them names a year, so a demo of any year can use them.

#include <string>
#include <vector>

namespace llw::demo {

// Sentences any part may take ("the unit carried the plan out seriously").
extern const std::vector<std::string> generic_texts;
extern const std::vector<std::string> reward_forms;
extern const std::vector<std::string> other_activity_names;

// The pool of sentences for a narrative item, chosen by words of its key (advantages,
// difficulties, next plans, recommendations, awareness, emulation, commendations).
const std::vector<std::string>& texts_for(const std::string& key);

}  // namespace llw::demo
