#pragma once
// The store behind an Application, for the use cases of this layer written as free functions
// (audited.h, reminders.cpp) and for the demo data (src/demo). Private to those: the web layer
// and the CLI reach the data only through the Application's use cases, which check access first.

#include "app/application.h"
#include "domain/store.h"

namespace llw {

class StoreAccess {
 public:
  static Store& of(Application& app);
};

}  // namespace llw
