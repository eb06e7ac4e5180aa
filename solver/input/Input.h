#pragma once
// Line-numbered access to a YAML scenario. Every accessor that can fail throws InputError whose
// message points into the user's file:
//
//   scenarios/arques.yaml:14:5: error in network.pipes[3] ('P3'): unknown key 'lenght'; did you
//   mean 'length'?
//      13 |   - id: P3
//   >  14 |     lenght: 250 m
//         |     ^
//
// yaml-cpp 0.7 says "bad conversion" without naming the key, does not report missing keys'
// positions and accepts duplicate keys silently; this layer checks all three itself.
#include "solver/input/CsvTable.h"
#include "solver/input/Units.h"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

class InputNode;

//! A YAML document kept with its text and name, so errors can quote the offending line.
class InputFile : public std::enable_shared_from_this<InputFile> {
public:
    //! Reads and parses a file. Throws InputError if it cannot be read, is not valid YAML (with
    //! the parser's line and column), or contains a duplicate key in any mapping.
    static std::shared_ptr<const InputFile> load(const std::filesystem::path& path);
    //! Parses text; `displayName` stands for the file name in messages.
    static std::shared_ptr<const InputFile> fromString(std::string text, std::string displayName);
    //! A document that is already a tree (a sweep case built from a parsed base): no text, so
    //! messages quote no line.
    static std::shared_ptr<const InputFile> fromTree(YAML::Node root, std::string displayName,
                                                     std::filesystem::path directory);

    //! The name used in messages (the path as given by the user).
    const std::string& displayName() const { return m_displayName; }
    //! The whole text as read (stored in result files for reproducibility).
    const std::string& text() const { return m_text; }
    //! Folder against which relative paths inside the file (CSV profiles) are resolved.
    const std::filesystem::path& directory() const { return m_directory; }
    //! Line `lineNumber` (1-based) without its newline; empty if out of range.
    std::string_view line(int lineNumber) const;
    //! The document's top node.
    InputNode root() const;
    //! A CSV file referred to by this scenario, read once however many keys name it (a
    //! memo: the scenario is read by one thread at a time). Throws InputError like
    //! CsvTable::load.
    std::shared_ptr<const CsvTable> csv(const std::filesystem::path& path) const;
    //! Every file a node of this document named (InputNode::asExistingPath), resolved: the inputs
    //! that an output must never overwrite.
    const std::vector<std::filesystem::path>& referencedFiles() const { return m_referencedFiles; }

    //! Formats "file:line:col: error in PATH: MESSAGE" followed by the quoted line and a caret.
    //! `line`/`column` are 1-based; 0 means unknown (no quote then).
    std::string formatError(int line, int column, std::string_view keyPath,
                            std::string_view message) const;

    // Public for make_shared; use load() or fromString().
    InputFile(std::string text, std::string displayName, std::filesystem::path directory);

private:
    std::string m_text;
    std::string m_displayName;
    std::filesystem::path m_directory;
    std::vector<std::size_t> m_lineStarts; //!< offset of each line's first character
    YAML::Node m_root;
    mutable std::map<std::string, std::shared_ptr<const CsvTable>> m_csvTables;
    mutable std::vector<std::filesystem::path> m_referencedFiles;
    friend class InputNode;
};

//! One node of a scenario, with its position and its key path ("network.pipes[3] ('P3')").
//! Cheap to copy. Keeps its InputFile alive.
class InputNode {
public:
    InputNode(std::shared_ptr<const InputFile> file, YAML::Node node, std::string keyPath);

    // --- shape -------------------------------------------------------------------------------
    bool isMap() const { return m_node.IsMap(); }
    bool isSequence() const { return m_node.IsSequence(); }
    bool isScalar() const { return m_node.IsScalar(); }
    bool isNull() const { return !m_node.IsDefined() || m_node.IsNull(); }
    //! Throws unless the node is a mapping ("expected a mapping (key: value lines)").
    void expectMap() const;
    //! Throws unless the node is a sequence ("expected a list ('- ' items)").
    void expectSequence() const;

    // --- navigation --------------------------------------------------------------------------
    //! True if this (mapping) node has `key`.
    bool has(std::string_view key) const;
    //! The value of a required key; throws "missing required key 'KEY'" at this mapping.
    InputNode operator[](std::string_view key) const;
    //! The value of an optional key, or nullopt.
    std::optional<InputNode> get(std::string_view key) const;
    //! Number of items of a sequence (or entries of a mapping).
    std::size_t size() const;
    //! Item `index` of a sequence; its key path gets "[index]" and, when the item is a mapping
    //! with an `id` or `name`, " ('that id')".
    InputNode operator[](std::size_t index) const;
    //! All items of a sequence (empty for null).
    std::vector<InputNode> items() const;
    //! The keys of a mapping, in file order.
    std::vector<std::string> keys() const;

    //! Rejects any key not in `allowed`, naming the nearest allowed one ("did you mean ...?").
    void allowOnly(std::initializer_list<std::string_view> allowed) const;
    void allowOnly(const std::vector<std::string>& allowed) const;

    // --- conversions (each names the key path and what was expected) -------------------------
    std::string asString() const;
    double asNumber() const;
    long asInteger() const;
    bool asBool() const;
    //! A quantity with a unit, converted to SI: "250 m" → 250, "70 degC" → 343.15.
    double asQuantity(Dimension dimension) const;
    //! One of `choices`; otherwise an error listing them (and the nearest).
    std::string asChoice(std::initializer_list<std::string_view> choices) const;
    std::string asChoice(const std::vector<std::string>& choices) const;
    //! A file path, resolved against the scenario's folder; the file must exist.
    std::filesystem::path asExistingPath() const;

    // --- optional values with defaults ---------------------------------------------------------
    double quantityOr(std::string_view key, Dimension dimension, double defaultSi) const;
    double numberOr(std::string_view key, double defaultValue) const;
    long integerOr(std::string_view key, long defaultValue) const;
    bool boolOr(std::string_view key, bool defaultValue) const;
    std::string stringOr(std::string_view key, std::string defaultValue) const;

    // --- errors --------------------------------------------------------------------------------
    //! Throws InputError pointing at this node: "file:line:col: error in KEYPATH: message".
    [[noreturn]] void fail(std::string_view message) const;
    //! Key path from the root, e.g. "network.pipes[3] ('P3').length".
    const std::string& keyPath() const { return m_keyPath; }
    int line() const;   //!< 1-based line of this node (0 if unknown)
    int column() const; //!< 1-based column of this node (0 if unknown)
    const InputFile& file() const { return *m_file; }
    //! The raw yaml-cpp node (for code that must walk it).
    const YAML::Node& yaml() const { return m_node; }

private:
    //! A mapping's value: an empty value ("length:") has no useful position of its own, so
    //! messages about it point at its key.
    InputNode(std::shared_ptr<const InputFile> file, YAML::Node node, std::string keyPath,
              YAML::Mark keyMark);
    //! The value of `key` with its key mark, or nullopt.
    std::optional<InputNode> find(std::string_view key) const;
    //! The position used in messages: the node's own, or its key's for an empty value.
    YAML::Mark mark() const;

    std::shared_ptr<const InputFile> m_file;
    YAML::Node m_node;
    std::string m_keyPath;
    YAML::Mark m_keyMark = YAML::Mark::null_mark(); //!< position of this value's key, if any
};

//! The nearest of `candidates` to `word` by edit distance, or empty if none is close.
std::string nearestWord(std::string_view word, const std::vector<std::string>& candidates);

} // namespace heatnet
