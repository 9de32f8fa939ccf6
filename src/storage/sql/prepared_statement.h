#pragma once
// The statement cache's parts: a query prepared once on a connection and re-executed with new
// values (Prepared), the same for a query whose parameters are known only at run time
// (PreparedList), and their parameter and row helpers. Connection (connection.h) keeps them by SQL
// text.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace llw::sql {

// A query prepared once on a connection and re-executed with new parameter values. The row and
// the parameters live here because SOCI binds them by reference at prepare time.
class PreparedBase {
 public:
  virtual ~PreparedBase() = default;
};

// A parameter that may be NULL: bound with its indicator.
template <typename T>
struct Nullable {
  T value{};
  soci::indicator indicator = soci::i_null;
  Nullable() = default;
  Nullable(const std::optional<T>& maybe)  // NOLINT(google-explicit-constructor)
      : value(maybe.value_or(T{})), indicator(maybe ? soci::i_ok : soci::i_null) {}
};

template <typename T>
void use_param(soci::statement& statement, T& param) {
  statement.exchange(soci::use(param));
}
template <typename T>
void use_param(soci::statement& statement, Nullable<T>& param) {
  statement.exchange(soci::use(param.value, param.indicator));
}

// The row of a statement that returns none (an INSERT, UPDATE or DELETE).
struct NoRow {
  void bind(soci::statement& /*statement*/) {}
};

// Calls visit(row) for every row of an executed statement. The statement is stepped to its end
// even when `visit` throws: a kept statement left on a row would hold an old snapshot of the
// database for the whole connection.
template <typename Row, typename Visit>
void visit_rows(soci::statement& statement, const Row& row, Visit&& visit) {
  try {
    while (statement.fetch()) visit(row);
  } catch (...) {
    while (statement.fetch()) {
    }
    throw;
  }
}

template <typename Row, typename... Params>
class Prepared : public PreparedBase {
 public:
  Prepared(soci::session& sql, const std::string& text) : statement_(sql) {
    row_.bind(statement_);
    std::apply([this](auto&... param) { (use_param(statement_, param), ...); }, params_);
    statement_.alloc();
    statement_.prepare(text);
    statement_.define_and_bind();
  }

  // The first row, if any. The statement is stepped to its end either way: a kept statement left
  // on a row would hold an old snapshot of the database for the whole connection.
  std::optional<Row> one(const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(false);
    if (!statement_.fetch()) return std::nullopt;
    Row found = row_;
    while (statement_.fetch()) {
    }
    return found;
  }

  // Runs a statement that returns no rows; the number of rows it changed.
  long long run(const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(true);
    return statement_.get_affected_rows();
  }

  template <typename Visit>
  void each(Visit&& visit, const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(false);
    visit_rows(statement_, row_, std::forward<Visit>(visit));
  }

 private:
  std::tuple<Params...> params_;
  Row row_;
  soci::statement statement_;
};

// A parameter of a statement whose parameters are known only at run time (a query built from the
// filters present): a number or a text.
using ParamValue = std::variant<long long, std::string>;

// A query whose text, and so the number and kinds of its parameters, depends on which filters are
// present: one statement per distinct text, prepared once on a connection like Prepared. Each run
// gives values of the same kinds, in the same order, as the first.
template <typename Row>
class PreparedList : public PreparedBase {
 public:
  PreparedList(soci::session& sql, const std::string& text, std::vector<ParamValue> first)
      : params_(std::move(first)), statement_(sql) {
    row_.bind(statement_);
    // params_ never grows again: the addresses bound here stay valid.
    for (auto& param : params_) {
      std::visit([this](auto& value) { statement_.exchange(soci::use(value)); }, param);
    }
    statement_.alloc();
    statement_.prepare(text);
    statement_.define_and_bind();
  }

  template <typename Visit>
  void each(Visit&& visit, const std::vector<ParamValue>& values) {
    set(values);
    statement_.execute(false);
    visit_rows(statement_, row_, std::forward<Visit>(visit));
  }

  // Runs a statement that returns no rows; the number of rows it changed.
  long long run(const std::vector<ParamValue>& values) {
    set(values);
    statement_.execute(true);
    return statement_.get_affected_rows();
  }

 private:
  void set(const std::vector<ParamValue>& values) {
    if (values.size() != params_.size()) {
      throw std::logic_error("one SQL text run with a different number of parameters");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].index() != params_[i].index()) {
        throw std::logic_error("one SQL text run with parameters of other kinds");
      }
      params_[i] = values[i];  // same alternative: assigned in place
    }
  }

  std::vector<ParamValue> params_;
  Row row_;
  soci::statement statement_;
};
}  // namespace llw::sql
