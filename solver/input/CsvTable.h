#pragma once
// A numeric CSV table with a header row (profiles, climate, measurements). Errors name the file
// and the row: "profiles/demand.csv:57: column 'Q_W': 'abc' is not a number".
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! Columns of doubles read from a CSV file: one header row of names, then numeric rows.
//! Lines starting with '#' and blank lines are skipped. Separator: ',' (or ';' if the header has
//! no ','). Throws InputError on a missing file, ragged row or non-numeric cell, except for cells
//! that look like a date ("YYYY-MM-DD..."): those are kept as text for a time column
//! (solver/input/SeriesTiming.h) and make the column non-numeric (column(name) then throws).
class CsvTable {
public:
    //! Reads `path`; messages show `displayPath` (defaults to path).
    static CsvTable load(const std::filesystem::path& path, std::string displayPath = {});
    //! Parses text; `displayName` stands for the file in messages.
    static CsvTable parse(std::string_view text, std::string displayName);

    const std::vector<std::string>& header() const { return m_header; }
    std::size_t rowCount() const { return m_rowCount; }
    bool hasColumn(std::string_view name) const;
    //! The column named `name`; throws InputError listing the columns if absent, or naming the
    //! first date cell if the column holds dates.
    std::span<const double> column(std::string_view name) const;
    //! The text of the date cells of column `name` (empty strings for numeric cells); empty if
    //! the column holds no date.
    std::span<const std::string> dateCells(std::string_view name) const;
    //! 1-based position of column `name` in the header (0 if absent), for file:line:column.
    std::size_t columnNumber(std::string_view name) const;
    //! Column by position.
    std::span<const double> column(std::size_t index) const;
    //! Line number in the file (1-based) of data row `row` (0-based), for messages.
    int lineOfRow(std::size_t row) const { return m_lineOfRow.at(row); }
    const std::string& displayName() const { return m_displayName; }
    //! Throws InputError "FILE:LINE:COLUMN: column 'NAME': MESSAGE" about data row `row`
    //! (COLUMN: 1-based position of NAME; "FILE:LINE: MESSAGE" if NAME is empty).
    [[noreturn]] void failAt(std::size_t row, std::string_view columnName,
                             std::string_view message) const;

private:
    std::string m_displayName;
    std::vector<std::string> m_header;
    std::vector<std::vector<double>> m_columns;
    std::vector<std::vector<std::string>> m_dateCells; //!< per column; empty if none
    std::vector<std::size_t> m_firstDateRow;           //!< per column; SIZE_MAX if none
    std::vector<int> m_lineOfRow;
    std::size_t m_rowCount = 0;
};

} // namespace heatnet
