#pragma once
// The HDF5 C API behind small RAII handles. A result file is written under a temporary name
// beside the target and renamed into place only by commit(): a crash, an exception or an
// interrupted run never leaves a half-written file at the output path.
//
// Layout conventions (documented in docs/output.md): each group holds a 1-D `time` dimension
// scale (float64, units "hours since YYYY-MM-DD HH:MM:SS", CF-style) and, for per-element series,
// a 1-D string dimension scale naming the elements (e.g. `pipe`). Series are 2-D [time, element]
// (or 1-D [time]) float64 datasets, chunked, shuffled and deflated, extendible along time, with
// `units` and `long_name` attributes and the dimension scales attached, so that
// xarray.open_dataset(file, group=...) sees named dimensions and coordinates.
#include <hdf5.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! Owns one hid_t and closes it with the right H5*close function.
class Hdf5Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Hdf5Handle() = default;
    Hdf5Handle(hid_t id, Closer closer);
    ~Hdf5Handle();
    Hdf5Handle(Hdf5Handle&& other) noexcept;
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept;
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;
    hid_t get() const { return m_id; }
    explicit operator bool() const { return m_id >= 0; }

private:
    hid_t m_id = -1;
    Closer m_closer = nullptr;
};

//! Identifies a time series created by Hdf5Writer::createSeries.
struct SeriesId {
    std::size_t index = 0;
};

//! Writes one result file. Usage: create groups, time axis, element axes and series; append rows
//! as the simulation advances; write attributes and fixed datasets; commit().
class Hdf5Writer {
public:
    //! Opens "<finalPath>.tmp-<pid>" for writing; nothing exists at finalPath until commit().
    explicit Hdf5Writer(std::filesystem::path finalPath);
    //! Removes the temporary file unless commit() succeeded.
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    //! Creates group `path` (e.g. "pipes"; nested "a/b" allowed) if absent.
    void createGroup(const std::string& path);
    //! Creates the extendible `time` dimension scale in `group` with CF units
    //! "hours since <startIso>" (startIso like "2025-01-01 00:00:00").
    void createTimeAxis(const std::string& group, const std::string& startIso);
    //! Creates a fixed string dimension scale `name` in `group` holding `labels`.
    void createLabelAxis(const std::string& group, const std::string& name,
                         const std::vector<std::string>& labels);
    //! Creates an extendible series `group/name` of shape [time] (labelAxis empty) or
    //! [time, labelAxis]; attaches the scales; sets `units` and `long_name`.
    SeriesId createSeries(const std::string& group, const std::string& name,
                          const std::string& labelAxis, const std::string& units,
                          const std::string& longName);
    //! Appends times [h since start] to the time axis of `group`.
    void appendTimes(const std::string& group, std::span<const double> hours);
    //! Appends rows to a series: values.size() must be rows × columns (row-major).
    void appendRows(SeriesId series, std::span<const double> values);

    //! A fixed 1-D float64 dataset with units (e.g. per-pipe lengths), attached to labelAxis.
    void writeVector(const std::string& group, const std::string& name,
                     const std::string& labelAxis, std::span<const double> values,
                     const std::string& units, const std::string& longName);
    //! A scalar float64 dataset with units and long_name (KPIs).
    void writeScalar(const std::string& group, const std::string& name, double value,
                     const std::string& units, const std::string& longName);
    //! A string attribute on a group ("/" for the file) or dataset path.
    void writeAttribute(const std::string& objectPath, const std::string& name,
                        const std::string& value);
    void writeAttribute(const std::string& objectPath, const std::string& name, double value);
    //! A scalar variable-length string dataset (e.g. the scenario text).
    void writeString(const std::string& group, const std::string& name, const std::string& value);

    //! Flushes, closes and renames the temporary file to the final path (atomic on one file
    //! system). After commit() no other call is allowed.
    void commit();

    const std::filesystem::path& finalPath() const { return m_finalPath; }

private:
    struct Series {
        Hdf5Handle dataset;
        std::string group;
        std::size_t columns = 0; //!< 0 for a 1-D series
        hsize_t rows = 0;
    };
    hid_t groupId(const std::string& path);

    std::filesystem::path m_finalPath;
    std::filesystem::path m_tempPath;
    Hdf5Handle m_file;
    std::map<std::string, Hdf5Handle> m_groups;
    std::map<std::string, hsize_t> m_timeRows;
    std::vector<Series> m_series;
    bool m_committed = false;
};

//! Reads back a result file (for `heatnet info`, reports, sweeps and tests).
class Hdf5Reader {
public:
    //! Opens read-only; throws OutputError (naming the path) if it is not an HDF5 file.
    explicit Hdf5Reader(const std::filesystem::path& path);
    bool exists(const std::string& objectPath) const;
    //! Names of the members of a group, sorted.
    std::vector<std::string> list(const std::string& group) const;
    //! Whole float64 dataset flattened row-major, with its shape.
    std::vector<double> readDoubles(const std::string& datasetPath,
                                    std::vector<std::size_t>* shape = nullptr) const;
    double readScalar(const std::string& datasetPath) const;
    std::vector<std::string> readStrings(const std::string& datasetPath) const;
    std::string readString(const std::string& datasetPath) const;
    //! A string attribute ("" if absent).
    std::string readAttribute(const std::string& objectPath, const std::string& name) const;

private:
    Hdf5Handle m_file;
};

} // namespace heatnet
