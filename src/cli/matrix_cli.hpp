#pragma once
// What `qda matrix` and `qda display` share: the matrix options and the one way to print a
// matrix (wide in table, tsv, csv, md, html and latex; rows, columns and cells in json).
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/globals.hpp"
#include "qda/matrix.hpp"
#include "qda/report.hpp"

namespace qda::cli {

struct MatrixArgs {
    app::MatrixRequest req;
    std::vector<std::string> where;
    bool drop_empty = false;
};

/// Register the matrix options on `cmd`, writing into `a`.
void matrix_options(CLI::App *cmd, const std::shared_ptr<MatrixArgs> &a);

/// The request `a` stands for (filters split into KEY=VALUE).
app::MatrixRequest matrix_request(const MatrixArgs &a);

/// Parse saved matrix options (as `display save` stored them) into a request.
app::MatrixRequest parse_matrix_args(const std::vector<std::string> &args);

/// Formats a matrix prints in.
const std::vector<report::Format> &matrix_formats();

/// Print `r` in --format; `display` adds the display's name and whether it is stale (JSON).
void print_matrix(const Globals &g, const app::MatrixResult &r,
                  const app::DisplayInfo *display = nullptr);

} // namespace qda::cli
