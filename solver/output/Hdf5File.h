#pragma once
// The HDF5 C API behind small RAII handles. A result file is written under a temporary name
// beside the target and renamed into place only by commit(): a crash, an exception or an
// interrupted run never leaves a half-written file at the output path.
//
// Layout conventions (documented in docs/output.md): each group holds a 1-D `time` dimension
// scale (float64, units "hours since YYYY-MM-DD HH:MM:SS", CF-style) and, for per-element series,
// a 1-D string dimension scale naming the elements (e.g. `pipe`). Series are 2-D [time, element]
// (or 1-D [time]) float64 (or float32) datasets, chunked, shuffled and deflated, extendible along
// time, with `units` and `long_name` attributes and the dimension scales attached, so that
// xarray.open_dataset(file, group=...) sees named dimensions and coordinates.
//
// Appended rows (series and time axes) are kept until they fill a band of chunks (chunk rows ×
// all columns); the band is then encoded at once (ShuffleDeflateEncoder: the bytes HDF5's
// shuffle + deflate filters would store) and written with H5Dwrite_chunk, so each chunk is
// compressed exactly once, as soon as it is complete, and HDF5's chunk cache is not used. The
// last, partial band is written by commit(), its missing rows holding the fill value (NaN).
#include "solver/output/ShuffleDeflateEncoder.h"

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
    //! The H5*close function matching the kind of id (H5Fclose, H5Dclose, ...).
    using Closer = herr_t (*)(hid_t);
    //! An empty handle (owns nothing).
    Hdf5Handle() = default;
    //! Takes ownership of `id`, closed later with `closer`.
    Hdf5Handle(hid_t id, Closer closer);
    //! Closes the id, ignoring errors (use close() to check them).
    ~Hdf5Handle();
    //! Moves ownership; `other` is left empty.
    Hdf5Handle(Hdf5Handle&& other) noexcept;
    //! Closes the current id, then takes ownership from `other`.
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept;
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;
    //! The raw id (-1 when empty); ownership stays with the handle.
    hid_t get() const { return m_id; }
    //! True when the handle owns an id.
    explicit operator bool() const { return m_id >= 0; }
    //! Closes now and returns the closer's result (0 when empty); the handle is left empty.
    herr_t close();

private:
    hid_t m_id = -1;
    Closer m_closer = nullptr;
};

//! How a series' values are stored in the file (they are always handed over as double).
enum class StoredPrecision { Float64, Float32 };

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

    //! Creates group `path` (e.g. "pipes"; nested "a/b" allowed) if absent. The other calls
    //! create a missing group themselves.
    void createGroup(const std::string& path);
    //! Creates the extendible `time` dimension scale in `group` with CF units
    //! "hours since <startIso>" (startIso like "2025-01-01 00:00:00").
    void createTimeAxis(const std::string& group, const std::string& startIso);
    //! Creates a fixed string dimension scale `name` in `group` holding `labels`.
    void createLabelAxis(const std::string& group, const std::string& name,
                         const std::vector<std::string>& labels);
    //! Creates an extendible series `group/name` of shape [time] (labelAxis empty) or
    //! [time, labelAxis]; attaches the scales; sets `units` and `long_name`. Float32 stores the
    //! values rounded to IEEE single precision (HDF5 converts on write).
    SeriesId createSeries(const std::string& group, const std::string& name,
                          const std::string& labelAxis, const std::string& units,
                          const std::string& longName,
                          StoredPrecision precision = StoredPrecision::Float64);
    //! Appends times [h since start] to the time axis of `group`.
    void appendTimes(const std::string& group, std::span<const double> hours);
    //! Appends rows to a series: values.size() must be rows × columns (row-major).
    void appendRows(SeriesId series, std::span<const double> values);

    //! A fixed 1-D float64 dataset with units (e.g. per-pipe lengths), attached to labelAxis
    //! (which must exist in `group` and have values.size() labels).
    void writeVector(const std::string& group, const std::string& name,
                     const std::string& labelAxis, std::span<const double> values,
                     const std::string& units, const std::string& longName);
    //! A fixed 1-D string dataset (e.g. node kinds) attached to labelAxis, with a long_name.
    void writeStringVector(const std::string& group, const std::string& name,
                           const std::string& labelAxis, const std::vector<std::string>& values,
                           const std::string& longName);
    //! A scalar float64 dataset with units and long_name (KPIs).
    void writeScalar(const std::string& group, const std::string& name, double value,
                     const std::string& units, const std::string& longName);
    //! A string attribute on a group ("/" for the file) or dataset path; replaces an existing one.
    void writeAttribute(const std::string& objectPath, const std::string& name,
                        const std::string& value);
    //! A float64 scalar attribute on a group ("/" for the file) or dataset path.
    void writeAttribute(const std::string& objectPath, const std::string& name, double value);
    //! A scalar variable-length string dataset (e.g. the scenario text).
    void writeString(const std::string& group, const std::string& name, const std::string& value);

    //! Flushes, closes and renames the temporary file to the final path (atomic on one file
    //! system). After commit() no other call is allowed.
    void commit();

    //! Where the file will be after commit().
    const std::filesystem::path& finalPath() const { return m_finalPath; }
    //! Where the file is being written: "<finalPath>.tmp-<pid>".
    const std::filesystem::path& tempPath() const { return m_tempPath; }

private:
    struct Series {
        Hdf5Handle dataset;
        std::string path;        //!< in the file, for messages
        std::size_t columns = 0; //!< 0 for a 1-D series
        hsize_t rows = 0;        //!< rows appended so far
        hsize_t chunkRows = 0;
        hsize_t chunkColumns = 1;
        std::size_t elementSize = sizeof(double); //!< bytes of a stored value (8 or 4)
        std::vector<double> band; //!< rows appended after the last complete band, row-major
    };
    //! Appends rows to a series (time axes included); writes each band as soon as it is full.
    void append(Series& series, std::span<const double> values);
    //! Encodes and writes the chunks of `bandRows` rows (≤ chunkRows) starting at `firstRow`,
    //! `values` row-major over all columns; extends the dataset to cover them.
    void writeBand(Series& series, hsize_t firstRow, hsize_t bandRows,
                   std::span<const double> values);
    hid_t groupId(const std::string& path);
    //! Opens label axis `labelAxis` of `group`; throws unless it has `expected` labels.
    Hdf5Handle openLabelAxis(const std::string& group, const std::string& labelAxis,
                             std::size_t expected, const std::string& path);
    void requireOpen(const char* what) const;

    std::filesystem::path m_finalPath;
    std::filesystem::path m_tempPath;
    Hdf5Handle m_file;
    std::map<std::string, Hdf5Handle> m_groups;
    std::map<std::string, std::size_t> m_timeAxes; //!< index in m_series of each group's `time`
    std::vector<Series> m_series;                  //!< series and time axes
    ShuffleDeflateEncoder m_encoder;
    std::vector<std::byte> m_chunk; //!< one chunk's values in the stored type, before encoding
    bool m_committed = false;
};

//! Reads back a result file (for `heatnet info`, reports, sweeps and tests).
class Hdf5Reader {
public:
    //! Opens read-only; throws OutputError (naming the path) if it is not an HDF5 file.
    explicit Hdf5Reader(const std::filesystem::path& path);
    //! True if a group or dataset exists at `objectPath` ("/" is the root).
    bool exists(const std::string& objectPath) const;
    //! Names of the members of a group, sorted.
    std::vector<std::string> list(const std::string& group) const;
    //! Whole float64 dataset flattened row-major, with its shape.
    std::vector<double> readDoubles(const std::string& datasetPath,
                                    std::vector<std::size_t>* shape = nullptr) const;
    //! A dataset holding exactly one number (scalar or one element).
    double readScalar(const std::string& datasetPath) const;
    //! A string dataset (label axis) as UTF-8 strings; fixed or variable length.
    std::vector<std::string> readStrings(const std::string& datasetPath) const;
    //! A dataset holding exactly one string.
    std::string readString(const std::string& datasetPath) const;
    //! A string attribute ("" if absent); a numeric attribute comes back formatted.
    std::string readAttribute(const std::string& objectPath, const std::string& name) const;
    //! A numeric scalar attribute; throws OutputError if absent or not numeric.
    double readDoubleAttribute(const std::string& objectPath, const std::string& name) const;
    //! Names of the attributes of an object, sorted.
    std::vector<std::string> listAttributes(const std::string& objectPath) const;

private:
    std::filesystem::path m_path;
    Hdf5Handle m_file;
};

} // namespace heatnet
