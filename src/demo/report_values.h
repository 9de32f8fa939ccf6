#pragma once
// Plausible values for a unit's report (report_values.cpp), generated from the form definition
// alone (its item types, measures and rules), so any form gets values that pass its own
// validation; the dates and plan titles fall in the demo's year.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "demo/rng.h"
#include "domain/form.h"
#include "domain/org_unit.h"

namespace llw::demo {

class ValueGenerator {
 public:
  ValueGenerator(const ReportForm& form, int year);
  ~ValueGenerator();
  ValueGenerator(const ValueGenerator&) = delete;
  ValueGenerator& operator=(const ValueGenerator&) = delete;

  // Values for `unit`: every item when `complete`, otherwise the first part of the form, as a
  // draft would be. `plan_number` is the plan the unit's own plan table cites first.
  nlohmann::json generate(const OrgUnit& unit, Rng& rng, bool complete,
                          const std::string& plan_number);
  // Makes `values` pass validation by resetting or dropping what the validator names; returns
  // false when that was not enough.
  bool repair(nlohmann::json& values, const OrgUnit& unit, bool for_submit);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace llw::demo
