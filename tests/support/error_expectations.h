#pragma once
// Expectations on the llw::Error a call throws, shared by the app and web tests.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "domain/error.h"

namespace llw::testing_support {

// Runs `f` and returns the kind of the llw::Error it throws; fails the test when it throws none.
template <class F>
ErrorKind error_kind_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected an llw::Error";
  return ErrorKind::internal;
}

// Runs `f` and returns the message of the conflict it throws; fails the test when it throws none
// or another kind of error.
inline std::string conflict_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict) << e.message();
    return e.message();
  }
  ADD_FAILURE() << "expected a conflict";
  return {};
}

}  // namespace llw::testing_support
