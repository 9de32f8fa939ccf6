#pragma once
// The names the demo builds its org tree from (demo_names.cpp): the 34 provincial units after the
// 2025 reform with their approximate numbers of communes, and syllables and names for communes,
// villages and schools.

#include <array>
#include <string>
#include <vector>

namespace llw::demo {

struct Province {
  const char* code;
  const char* name;
  bool city;  // thành phố trực thuộc trung ương
  int communes;
};

extern const std::array<Province, 34> provinces;
extern const std::vector<std::string> first_syllables;
extern const std::vector<std::string> second_syllables;
extern const std::vector<std::string> village_names;
extern const std::vector<std::string> preschool_names;
extern const std::vector<std::string> school_names;

}  // namespace llw::demo
