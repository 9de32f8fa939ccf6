#pragma once
// What every area of use cases (accounts.h, reports.h, summaries.h, …) is built on: the
// Application that holds the areas (to reach a sibling's use case, e.g. app_.audit()), the reads
// and caches they share (use_case_core.h), and for brevity the store, the configuration and the
// clock. An area is created once by its Application and never copied.

#include "app/application_config.h"
#include "domain/clock.h"

namespace llw {

class Application;
class UseCaseCore;
class Store;

class UseCaseArea {
 public:
  UseCaseArea(Application& app, UseCaseCore& core);
  UseCaseArea(const UseCaseArea&) = delete;
  UseCaseArea& operator=(const UseCaseArea&) = delete;

 protected:
  ~UseCaseArea() = default;

  Application& app_;
  UseCaseCore& core_;
  Store* const store_;
  const ApplicationConfig& config_;
  const Clock& clock_;
};

}  // namespace llw
