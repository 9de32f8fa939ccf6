#pragma once
// Where a request came from, for the audit log: the web layer passes the client's address; the
// command line passes nothing.

#include <string>

namespace llw {

struct RequestContext {
  std::string address;
};

}  // namespace llw
