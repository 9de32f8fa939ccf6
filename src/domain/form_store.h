#pragma once
// The storage port of report forms (issue 18): every form definition a campaign was created with
// or an administrator uploaded, kept as JSON text forever, so an old campaign's pages, documents
// and sums never change when forms/*.json does. Implemented by the SQL store
// (sql_form_store.cpp in src/storage/sql/) on both backends.

#include <optional>
#include <string>
#include <vector>

namespace llw {

class FormStore {
 public:
  virtual ~FormStore() = default;

  // Stores a form definition (JSON text) under its id. A stored definition is a version kept
  // forever: storing the same text again does nothing, another text under a stored id is
  // Error{conflict} and the stored one stays (the schema refuses it).
  virtual void put_form(const std::string& form_id, const std::string& definition_json) = 0;
  virtual std::optional<std::string> find_form(const std::string& form_id) = 0;
  // The ids of every stored form, in id order (the new-campaign page offers them).
  virtual std::vector<std::string> form_ids() = 0;
};

}  // namespace llw
