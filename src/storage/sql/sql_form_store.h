#pragma once
// The FormStore port: stored form definitions. Defined in sql_form_store.cpp.

#include "domain/form_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlFormStore : public FormStore {
 public:
  explicit SqlFormStore(SqlContext& context) : context_(context) {}

  void put_form(const std::string& form_id, const std::string& definition_json) override;
  std::optional<std::string> find_form(const std::string& form_id) override;
  std::vector<std::string> form_ids() override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
