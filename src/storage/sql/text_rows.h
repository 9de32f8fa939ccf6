#pragma once
// TextRows: a batch of a query's rows as the server sent them, every field as text, read by
// Dialect::stream_rows (PostgreSQL's text format: integers in decimal, NULL as no text).

#include <optional>
#include <string_view>

namespace llw::sql {

class TextRows {
 public:
  virtual ~TextRows() = default;
  virtual int size() const = 0;
  // The field's text; nullopt for NULL. Valid while the batch is.
  virtual std::optional<std::string_view> field(int row, int column) const = 0;
};

// A bigint field's value; `what` names the column when the text is no integer.
long long integer_field(std::optional<std::string_view> text, std::string_view what);

}  // namespace llw::sql
