#include "solver/input/CsvTable.h"

#include "solver/input/TextParsing.h"

#include "solver/Error.h"
#include "solver/input/Input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <system_error>

namespace heatnet {

namespace {

//! Splits one line at `separator` into `fields`, honouring "quoted, fields" with "" as an
//! escaped quote. Reuses the strings `fields` holds (one table's rows allocate nothing once the
//! first row is read). Returns false if a quote is left open.
bool splitFields(std::string_view line, char separator, std::vector<std::string>& fields) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t') && line[i] != separator) {
            ++i;
        }
        if (count == fields.size()) {
            fields.emplace_back();
        }
        std::string& field = fields[count++];
        field.clear();
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                field += line[i++];
            }
            if (!closed) {
                return false;
            }
            // Anything between the closing quote and the separator is kept (trimmed below).
            const std::size_t next = line.find(separator, i);
            const std::string_view rest = trimBlanks(
                line.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i));
            field += rest;
            i = next;
        } else {
            const std::size_t next = line.find(separator, i);
            field.assign(trimBlanks(line.substr(
                i, next == std::string_view::npos ? std::string_view::npos : next - i)));
            i = next;
        }
        if (i == std::string_view::npos || i >= line.size()) {
            break;
        }
        ++i; // past the separator
    }
    fields.resize(count);
    return true;
}

//! A cell that starts like an ISO 8601 date ("2025-01-31..."): kept as text for a time column.
bool looksLikeDate(std::string_view cell) {
    auto digits = [&](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i) {
            if (i >= cell.size() || !std::isdigit(static_cast<unsigned char>(cell[i]))) {
                return false;
            }
        }
        return true;
    };
    return digits(0, 4) && cell.size() >= 10 && cell[4] == '-' && digits(5, 2) && cell[7] == '-' &&
           digits(8, 2);
}

} // namespace

CsvTable CsvTable::load(const std::filesystem::path& path, std::string displayPath) {
    const std::string shown = displayPath.empty() ? path.string() : std::move(displayPath);
    return parse(readTextFile(path, shown, "CSV"), shown);
}

CsvTable CsvTable::parse(std::string_view text, std::string displayName) {
    CsvTable table;
    table.m_displayName = std::move(displayName);
    const std::string& name = table.m_displayName;

    // A UTF-8 byte order mark (spreadsheet exports) would otherwise stick to the first name.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }

    char separator = ',';
    bool haveHeader = false;
    int lineNumber = 0;
    std::size_t start = 0;
    std::vector<std::string> cells; // of the line in hand, reused from line to line
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = trimBlanks(text.substr(start, end - start));
        start = end + 1;
        ++lineNumber;
        if (line.empty() || line.front() == '#') {
            continue;
        }

        if (!haveHeader) {
            if (line.find(',') == std::string_view::npos) {
                if (line.find(';') != std::string_view::npos) {
                    separator = ';';
                } else if (line.find('\t') != std::string_view::npos) {
                    separator = '\t';
                }
            }
            std::vector<std::string> names;
            if (!splitFields(line, separator, names)) {
                throw InputError(
                    fmt::format("{}:{}: unclosed quote in the header", name, lineNumber));
            }
            for (std::size_t i = 0; i < names.size(); ++i) {
                const std::string& column = names[i];
                if (column.empty()) {
                    throw InputError(
                        fmt::format("{}:{}: column {} has no name", name, lineNumber, i + 1));
                }
                if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i),
                              column) != names.begin() + static_cast<std::ptrdiff_t>(i)) {
                    throw InputError(fmt::format("{}:{}: duplicate column '{}'", name, lineNumber,
                                                 abbreviated(column)));
                }
            }
            table.m_header = std::move(names);
            table.m_columns.resize(table.m_header.size());
            table.m_dateCells.resize(table.m_header.size());
            table.m_firstDateRow.assign(table.m_header.size(), SIZE_MAX);
            haveHeader = true;
            continue;
        }

        if (!splitFields(line, separator, cells)) {
            throw InputError(fmt::format("{}:{}: unclosed quote", name, lineNumber));
        }
        if (cells.size() != table.m_header.size()) {
            throw InputError(fmt::format("{}:{}: expected {} columns, found {}", name, lineNumber,
                                         table.m_header.size(), cells.size()));
        }
        const std::size_t row = table.m_rowCount + 1; // 1-based, as people count rows
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string& cell = cells[c];
            const auto value = parseFiniteNumber(cell);
            if (!value && looksLikeDate(cell)) {
                auto& dates = table.m_dateCells[c];
                if (dates.empty()) {
                    table.m_firstDateRow[c] = table.m_rowCount;
                }
                dates.resize(table.m_rowCount); // numeric cells before it: empty text
                dates.push_back(cell);
                table.m_columns[c].push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            if (!table.m_dateCells[c].empty()) {
                table.m_dateCells[c].resize(table.m_rowCount + 1);
            }
            if (!value) {
                std::string what = cell.empty()
                                       ? std::string("an empty cell is not a number")
                                       : fmt::format("'{}' is not a number", abbreviated(cell));
                if (separator == ';' && cell.find(',') != std::string::npos) {
                    what += "; use '.' as the decimal separator";
                }
                throw InputError(fmt::format("{}:{}:{}: column '{}': {} (row {})", name, lineNumber,
                                             c + 1, table.m_header[c], what, row));
            }
            table.m_columns[c].push_back(*value);
        }
        table.m_lineOfRow.push_back(lineNumber);
        ++table.m_rowCount;
    }

    if (!haveHeader) {
        throw InputError(fmt::format("{}: no header row (the file is empty)", name));
    }
    if (table.m_rowCount == 0) {
        throw InputError(fmt::format("{}: no data rows (only a header)", name));
    }
    return table;
}

bool CsvTable::hasColumn(std::string_view name) const {
    return std::find(m_header.begin(), m_header.end(), name) != m_header.end();
}

std::span<const double> CsvTable::column(std::string_view name) const {
    const auto it = std::find(m_header.begin(), m_header.end(), name);
    if (it == m_header.end()) {
        std::string message = fmt::format("{}: no column '{}'; the columns are {}", m_displayName,
                                          name, joinQuoted(m_header));
        const std::string near = nearestWord(name, m_header);
        if (!near.empty()) {
            message += fmt::format("; did you mean '{}'?", near);
        }
        throw InputError(message);
    }
    const auto index = static_cast<std::size_t>(it - m_header.begin());
    if (m_firstDateRow[index] != SIZE_MAX) {
        const std::size_t row = m_firstDateRow[index];
        failAt(row, name,
               fmt::format("'{}' is not a number (row {}); only a time column may hold dates",
                           abbreviated(m_dateCells[index][row]), row + 1));
    }
    return m_columns[index];
}

std::span<const std::string> CsvTable::dateCells(std::string_view name) const {
    const std::size_t number = columnNumber(name);
    if (number == 0) {
        return {};
    }
    return m_dateCells[number - 1];
}

std::size_t CsvTable::columnNumber(std::string_view name) const {
    const auto it = std::find(m_header.begin(), m_header.end(), name);
    return it == m_header.end() ? 0 : static_cast<std::size_t>(it - m_header.begin()) + 1;
}

std::span<const double> CsvTable::column(std::size_t index) const {
    if (index >= m_columns.size()) {
        throw InputError(fmt::format("{}: no column number {} (the table has {})", m_displayName,
                                     index + 1, m_columns.size()));
    }
    return column(m_header[index]);
}

void CsvTable::failAt(std::size_t row, std::string_view columnName,
                      std::string_view message) const {
    std::string out = m_displayName;
    if (row < m_lineOfRow.size()) {
        out += fmt::format(":{}", m_lineOfRow[row]);
    }
    const std::size_t number = columnNumber(columnName);
    if (row < m_lineOfRow.size() && number > 0) {
        out += fmt::format(":{}", number);
    }
    if (columnName.empty()) {
        out += fmt::format(": {}", message);
    } else {
        out += fmt::format(": column '{}': {}", columnName, message);
    }
    throw InputError(out);
}

} // namespace heatnet
