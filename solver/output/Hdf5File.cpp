#include "solver/output/Hdf5File.h"

#include "solver/Error.h"
#include "solver/output/OutputPath.h"

#include <H5DSpublic.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <system_error>
#include <type_traits>
#include <utility>

namespace heatnet {

namespace {

// Debian's libhdf5 is built without its thread-safety lock (H5is_library_threadsafe says 0), and
// runs on parallel threads (`heatnet run A.yaml B.yaml`, each file on its writer thread) may
// call it at once: every entry point below holds this process-wide lock. It is recursive
// because entry points call each other (and handles close inside them).
std::recursive_mutex& hdf5Mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

// HDF5 prints its error stack to stderr by default; library code must not print, so every entry
// point switches that off (once per thread: the setting is per thread in a thread-safe build).
// Returns the HDF5 lock, held until the entry point returns.
[[nodiscard]] std::unique_lock<std::recursive_mutex> enterHdf5() {
    std::unique_lock lock(hdf5Mutex());
    // No clean-up at exit: after a failed write (disk full) HDF5's atexit handler flushes the
    // half-closed file again and crashes (exit 139). Every file is closed by its handle anyway.
    // Must come before HDF5 initialises itself, which the first H5 call below does.
    [[maybe_unused]] static const herr_t noAtExit = H5dont_atexit();
    thread_local bool quiet = false;
    if (!quiet) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        quiet = true;
    }
    return lock;
}

//! Releases the HDF5 lock that the calling thread holds (once) for the scope's work that makes
//! no HDF5 call, so that other files' writer threads go on meanwhile; takes it back at the end.
class WithoutHdf5Lock {
public:
    WithoutHdf5Lock() { hdf5Mutex().unlock(); }
    ~WithoutHdf5Lock() { hdf5Mutex().lock(); }
    WithoutHdf5Lock(const WithoutHdf5Lock&) = delete;
    WithoutHdf5Lock& operator=(const WithoutHdf5Lock&) = delete;
};

herr_t keepInnermost(unsigned, const H5E_error2_t* entry, void* data) {
    // Walked from the API call inwards, so the last description is the root cause.
    if (entry->desc != nullptr && entry->desc[0] != '\0') {
        *static_cast<std::string*>(data) = entry->desc;
    }
    return 0;
}

//! The innermost description on HDF5's error stack (e.g. "file signature not found"); clears it.
std::string hdf5Detail() {
    std::string detail;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keepInnermost, &detail);
    H5Eclear2(H5E_DEFAULT);
    return detail;
}

[[noreturn]] void fail(std::string_view call, std::string_view object,
                       const std::filesystem::path& file) {
    const int code = errno;
    const std::string detail = hdf5Detail();
    // The system's reason first when the disk, a quota or a file size limit stopped the write.
    if (code == ENOSPC || code == EDQUOT || code == EFBIG || code == EROFS || code == EACCES) {
        throw OutputError(fmt::format("cannot write '{}': {} (HDF5 {} failed for '{}')",
                                      file.string(), std::generic_category().message(code), call,
                                      object));
    }
    throw OutputError(fmt::format("HDF5 {} failed for '{}' in '{}'{}{}", call, object,
                                  file.string(), detail.empty() ? "" : ": ", detail));
}

//! The one checking helper: a negative HDF5 return value becomes an OutputError naming the call,
//! the object path and the file.
template <class T>
T check(T result, std::string_view call, std::string_view object,
        const std::filesystem::path& file) {
    if (result < 0) {
        fail(call, object, file);
    }
    return result;
}

Hdf5Handle own(hid_t id, Hdf5Handle::Closer closer, std::string_view call, std::string_view object,
               const std::filesystem::path& file) {
    return Hdf5Handle(check(id, call, object, file), closer);
}

//! "/a/b/" -> "a/b"; "/" and "" -> "" (the root).
std::string normalise(const std::string& path) {
    std::size_t first = path.find_first_not_of('/');
    if (first == std::string::npos) {
        return {};
    }
    std::size_t last = path.find_last_not_of('/');
    return path.substr(first, last - first + 1);
}

std::string join(const std::string& group, const std::string& name) {
    return group.empty() ? name : group + "/" + name;
}

//! The path HDF5 is given for an object ("/" for the root).
std::string h5Path(const std::string& normalised) {
    return normalised.empty() ? std::string("/") : normalised;
}

std::vector<std::string> splitPath(const std::string& normalised) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < normalised.size()) {
        std::size_t end = normalised.find('/', start);
        if (end == std::string::npos) {
            end = normalised.size();
        }
        if (end > start) {
            parts.push_back(normalised.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

void requireName(const std::string& name, std::string_view what,
                 const std::filesystem::path& file) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
        throw OutputError(
            fmt::format("invalid {} name '{}' for '{}': must be non-empty without '/'", what, name,
                        file.string()));
    }
}

Hdf5Handle vlenStringType(const std::filesystem::path& file) {
    Hdf5Handle type = own(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy", "string type", file);
    check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size", "string type", file);
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type", file);
    return type;
}

Hdf5Handle scalarSpace(std::string_view object, const std::filesystem::path& file) {
    return own(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate", object, file);
}

//! Opens `object` relative to `loc` and checks the result.
Hdf5Handle openObject(hid_t loc, const std::string& object, const std::filesystem::path& file) {
    return own(H5Oopen(loc, h5Path(object).c_str(), H5P_DEFAULT), H5Oclose, "H5Oopen", object,
               file);
}

void deleteAttributeIfPresent(hid_t object, const std::string& name, const std::string& where,
                              const std::filesystem::path& file) {
    if (check(H5Aexists(object, name.c_str()), "H5Aexists", where, file) > 0) {
        check(H5Adelete(object, name.c_str()), "H5Adelete", where, file);
    }
}

// String attributes are scalar variable-length UTF-8: h5py returns them as str and h5netcdf /
// xarray pass them through undecoded, so "units" reaches CF decoding as a python str.
void putStringAttribute(hid_t object, const std::string& name, const std::string& value,
                        const std::string& objectPath, const std::filesystem::path& file) {
    const std::string where = objectPath + "@" + name;
    deleteAttributeIfPresent(object, name, where, file);
    Hdf5Handle type = vlenStringType(file);
    Hdf5Handle space = scalarSpace(where, file);
    Hdf5Handle attribute =
        own(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, "H5Acreate2", where, file);
    const char* text = value.c_str();
    check(H5Awrite(attribute.get(), type.get(), &text), "H5Awrite", where, file);
}

void putDoubleAttribute(hid_t object, const std::string& name, double value,
                        const std::string& objectPath, const std::filesystem::path& file) {
    const std::string where = objectPath + "@" + name;
    deleteAttributeIfPresent(object, name, where, file);
    Hdf5Handle space = scalarSpace(where, file);
    Hdf5Handle attribute =
        own(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, "H5Acreate2", where, file);
    check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &value), "H5Awrite", where, file);
}

void putUnitsAndName(hid_t dataset, const std::string& units, const std::string& longName,
                     const std::string& objectPath, const std::filesystem::path& file) {
    putStringAttribute(dataset, "units", units, objectPath, file);
    putStringAttribute(dataset, "long_name", longName, objectPath, file);
}

//! Writes `values` into a 1-D variable-length string dataset of as many elements.
void writeStrings(hid_t dataset, hid_t type, const std::vector<std::string>& values,
                  const std::string& objectPath, const std::filesystem::path& file) {
    if (values.empty()) {
        return;
    }
    std::vector<const char*> texts;
    texts.reserve(values.size());
    for (const std::string& value : values) {
        texts.push_back(value.c_str());
    }
    check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), "H5Dwrite",
          objectPath, file);
}

//! Track link and attribute creation order, as netCDF-4 does, so netCDF-C readers list members
//! in the order they were written.
Hdf5Handle orderTrackingGroupPlist(hid_t plistClass, const std::filesystem::path& file) {
    Hdf5Handle plist = own(H5Pcreate(plistClass), H5Pclose, "H5Pcreate", "/", file);
    const unsigned flags = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    check(H5Pset_link_creation_order(plist.get(), flags), "H5Pset_link_creation_order", "/", file);
    check(H5Pset_attr_creation_order(plist.get(), flags), "H5Pset_attr_creation_order", "/", file);
    return plist;
}

hsize_t extentOf1d(hid_t dataset, const std::string& objectPath,
                   const std::filesystem::path& file) {
    Hdf5Handle space = own(H5Dget_space(dataset), H5Sclose, "H5Dget_space", objectPath, file);
    const int rank = check(H5Sget_simple_extent_ndims(space.get()), "H5Sget_simple_extent_ndims",
                           objectPath, file);
    if (rank != 1) {
        throw OutputError(fmt::format("'{}' in '{}' is not a 1-D dataset (rank {})", objectPath,
                                      file.string(), rank));
    }
    hsize_t size = 0;
    check(H5Sget_simple_extent_dims(space.get(), &size, nullptr), "H5Sget_simple_extent_dims",
          objectPath, file);
    return size;
}

bool startsLikeIsoDate(const std::string& text) {
    // "YYYY-MM-DD" at least; CF decoding in xarray/cftime parses the rest.
    if (text.size() < 10) {
        return false;
    }
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        const char c = text[i];
        if (dash ? c != '-' : (c < '0' || c > '9')) {
            return false;
        }
    }
    return true;
}

//! Reads all elements of a string dataset or attribute, fixed or variable length.
std::vector<std::string> readStringData(hid_t object, bool isAttribute, hid_t fileType, hid_t space,
                                        const std::string& where,
                                        const std::filesystem::path& file) {
    const hssize_t points =
        check(H5Sget_simple_extent_npoints(space), "H5Sget_simple_extent_npoints", where, file);
    const auto count = static_cast<std::size_t>(points);
    std::vector<std::string> result;
    result.reserve(count);
    const H5T_cset_t cset = check(H5Tget_cset(fileType), "H5Tget_cset", where, file);
    const htri_t variable = check(H5Tis_variable_str(fileType), "H5Tis_variable_str", where, file);
    Hdf5Handle memType = own(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy", where, file);
    check(H5Tset_cset(memType.get(), cset), "H5Tset_cset", where, file);
    auto readInto = [&](void* buffer) {
        if (isAttribute) {
            check(H5Aread(object, memType.get(), buffer), "H5Aread", where, file);
        } else {
            check(H5Dread(object, memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), "H5Dread",
                  where, file);
        }
    };
    if (count == 0) {
        return result;
    }
    if (variable > 0) {
        check(H5Tset_size(memType.get(), H5T_VARIABLE), "H5Tset_size", where, file);
        std::vector<char*> buffer(count, nullptr);
        readInto(buffer.data());
        for (char* text : buffer) {
            result.emplace_back(text != nullptr ? text : "");
        }
        // HDF5 allocated the strings: give them back before anything can throw.
        H5Dvlen_reclaim(memType.get(), space, H5P_DEFAULT, buffer.data());
    } else {
        const std::size_t size = H5Tget_size(fileType);
        if (size == 0) {
            fail("H5Tget_size", where, file);
        }
        check(H5Tset_size(memType.get(), size), "H5Tset_size", where, file);
        check(H5Tset_strpad(memType.get(), H5T_STR_NULLPAD), "H5Tset_strpad", where, file);
        std::vector<char> buffer(count * size, '\0');
        readInto(buffer.data());
        for (std::size_t i = 0; i < count; ++i) {
            const char* text = buffer.data() + i * size;
            result.emplace_back(text, strnlen(text, size));
        }
    }
    return result;
}

std::vector<double> readNumericData(hid_t object, bool isAttribute, hid_t space,
                                    const std::string& where, const std::filesystem::path& file) {
    const hssize_t points =
        check(H5Sget_simple_extent_npoints(space), "H5Sget_simple_extent_npoints", where, file);
    std::vector<double> values(static_cast<std::size_t>(points));
    if (values.empty()) {
        return values;
    }
    if (isAttribute) {
        check(H5Aread(object, H5T_NATIVE_DOUBLE, values.data()), "H5Aread", where, file);
    } else {
        check(H5Dread(object, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              "H5Dread", where, file);
    }
    return values;
}

bool isNumericClass(H5T_class_t typeClass) {
    return typeClass == H5T_FLOAT || typeClass == H5T_INTEGER;
}

herr_t collectLinkName(hid_t, const char* name, const H5L_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
}

herr_t collectAttributeName(hid_t, const char* name, const H5A_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
}

// Chunks of about 128 KiB: a week of rows for small networks, fewer rows (but at least a day)
// when there are many elements, and at most 512 elements per chunk so that reading one
// element's year touches few chunks.
constexpr hsize_t kTargetChunkValues = 16384;
constexpr hsize_t kMinChunkRows = 24;
constexpr hsize_t kMaxChunkRows = 168;
constexpr hsize_t kMaxChunkColumns = 512;
constexpr hsize_t kChunk1d = 1024;
// The deflate filter's level, recorded in each dataset's filter pipeline. Readers ignore it
// (inflate needs none); the chunks themselves are encoded by ShuffleDeflateEncoder, which
// deflates at libdeflate's level 1 (docs/performance.md, "Compression").
constexpr unsigned kDeflateLevel = 1;

static_assert(std::endian::native == std::endian::little,
              "chunks are written as stored (little-endian IEEE) bytes: a big-endian host would "
              "need a byte swap in Hdf5Writer::writeBand");

//! The creation properties of an appendable series: chunked, shuffled, deflated, NaN fill.
Hdf5Handle seriesCreationPlist(int rank, const hsize_t* chunk, const std::string& path,
                               const std::filesystem::path& file) {
    Hdf5Handle dcpl = own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate", path, file);
    check(H5Pset_chunk(dcpl.get(), rank, chunk), "H5Pset_chunk", path, file);
    check(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", path, file);
    check(H5Pset_deflate(dcpl.get(), kDeflateLevel), "H5Pset_deflate", path, file);
    const double fill = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), "H5Pset_fill_value", path, file);
    return dcpl;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Hdf5Handle

Hdf5Handle::Hdf5Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}

Hdf5Handle::~Hdf5Handle() {
    close();
}

Hdf5Handle::Hdf5Handle(Hdf5Handle&& other) noexcept
    : m_id(std::exchange(other.m_id, -1)), m_closer(std::exchange(other.m_closer, nullptr)) {}

Hdf5Handle& Hdf5Handle::operator=(Hdf5Handle&& other) noexcept {
    if (this != &other) {
        close();
        m_id = std::exchange(other.m_id, -1);
        m_closer = std::exchange(other.m_closer, nullptr);
    }
    return *this;
}

herr_t Hdf5Handle::close() {
    const auto hdf5 = enterHdf5();
    herr_t result = 0;
    if (m_id >= 0 && m_closer != nullptr) {
        result = m_closer(m_id);
    }
    m_id = -1;
    m_closer = nullptr;
    return result;
}

// ---------------------------------------------------------------------------------------------
// Hdf5Writer

Hdf5Writer::Hdf5Writer(std::filesystem::path finalPath) : m_finalPath(std::move(finalPath)) {
    const auto hdf5 = enterHdf5();
    if (m_finalPath.empty() || !m_finalPath.has_filename()) {
        throw OutputError(fmt::format("invalid output file path '{}'", m_finalPath.string()));
    }
    std::error_code error;
    if (std::filesystem::is_directory(m_finalPath, error)) {
        throw OutputError(
            fmt::format("output path '{}' is a directory, not a file", m_finalPath.string()));
    }
    const std::filesystem::path parent = m_finalPath.parent_path();
    if (!parent.empty()) {
        std::filesystem::create_directories(parent, error);
        if (error) {
            throw OutputError(fmt::format("cannot create directory '{}' for output '{}': {}",
                                          parent.string(), m_finalPath.string(), error.message()));
        }
    }
    m_tempPath = m_finalPath;
    m_tempPath += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    Hdf5Handle fcpl = orderTrackingGroupPlist(H5P_FILE_CREATE, m_tempPath);
    m_file = own(H5Fcreate(m_tempPath.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT), H5Fclose,
                 "H5Fcreate", "/", m_tempPath);
}

Hdf5Writer::~Hdf5Writer() {
    if (m_committed) {
        return;
    }
    const auto hdf5 = enterHdf5();
    // Close every id before removing the file; errors cannot be reported from here.
    m_series.clear();
    m_groups.clear();
    m_file.close();
    H5Eclear2(H5E_DEFAULT);
    std::error_code ignored;
    std::filesystem::remove(m_tempPath, ignored);
}

void Hdf5Writer::requireOpen(const char* what) const {
    if (m_committed || !m_file) {
        throw OutputError(fmt::format("{}: the writer for '{}' is already committed or closed",
                                      what, m_finalPath.string()));
    }
}

hid_t Hdf5Writer::groupId(const std::string& path) {
    const std::string group = normalise(path);
    if (group.empty()) {
        return m_file.get();
    }
    auto found = m_groups.find(group);
    if (found != m_groups.end()) {
        return found->second.get();
    }
    createGroup(group);
    return m_groups.at(group).get();
}

void Hdf5Writer::createGroup(const std::string& path) {
    const auto hdf5 = enterHdf5();
    requireOpen("createGroup");
    const std::string group = normalise(path);
    hid_t parent = m_file.get();
    std::string prefix;
    for (const std::string& part : splitPath(group)) {
        requireName(part, "group", m_tempPath);
        prefix = join(prefix, part);
        auto found = m_groups.find(prefix);
        if (found == m_groups.end()) {
            Hdf5Handle handle;
            if (check(H5Lexists(parent, part.c_str(), H5P_DEFAULT), "H5Lexists", prefix,
                      m_tempPath) > 0) {
                handle = own(H5Gopen2(parent, part.c_str(), H5P_DEFAULT), H5Gclose, "H5Gopen2",
                             prefix, m_tempPath);
            } else {
                Hdf5Handle gcpl = orderTrackingGroupPlist(H5P_GROUP_CREATE, m_tempPath);
                handle = own(H5Gcreate2(parent, part.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                             H5Gclose, "H5Gcreate2", prefix, m_tempPath);
            }
            found = m_groups.emplace(prefix, std::move(handle)).first;
        }
        parent = found->second.get();
    }
}

void Hdf5Writer::createTimeAxis(const std::string& groupPath, const std::string& startIso) {
    const auto hdf5 = enterHdf5();
    requireOpen("createTimeAxis");
    const std::string group = normalise(groupPath);
    const std::string path = join(group, "time");
    if (m_timeAxes.count(group) != 0) {
        throw OutputError(
            fmt::format("time axis '{}' in '{}' already exists", path, m_tempPath.string()));
    }
    if (!startsLikeIsoDate(startIso)) {
        throw OutputError(
            fmt::format("time axis '{}': start '{}' is not an ISO date like '2025-01-01 00:00:00'",
                        path, startIso));
    }
    const hid_t gid = groupId(group);
    const hsize_t initial = 0;
    const hsize_t maximum = H5S_UNLIMITED;
    Hdf5Handle space = own(H5Screate_simple(1, &initial, &maximum), H5Sclose, "H5Screate_simple",
                           path, m_tempPath);
    Hdf5Handle dcpl = seriesCreationPlist(1, &kChunk1d, path, m_tempPath);
    Hdf5Handle dataset = own(
        H5Dcreate2(gid, "time", H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        H5Dclose, "H5Dcreate2", path, m_tempPath);
    check(H5DSset_scale(dataset.get(), "time"), "H5DSset_scale", path, m_tempPath);
    putStringAttribute(dataset.get(), "units", "hours since " + startIso, path, m_tempPath);
    putStringAttribute(dataset.get(), "calendar", "standard", path, m_tempPath);
    putStringAttribute(dataset.get(), "long_name", "time", path, m_tempPath);
    putStringAttribute(dataset.get(), "axis", "T", path, m_tempPath);
    Series axis;
    axis.dataset = std::move(dataset);
    axis.path = path;
    axis.chunkRows = kChunk1d;
    m_series.push_back(std::move(axis));
    m_timeAxes.emplace(group, m_series.size() - 1);
}

void Hdf5Writer::createLabelAxis(const std::string& groupPath, const std::string& name,
                                 const std::vector<std::string>& labels) {
    const auto hdf5 = enterHdf5();
    requireOpen("createLabelAxis");
    requireName(name, "label axis", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    if (name == "time") {
        throw OutputError(fmt::format("label axis '{}': the name 'time' is reserved", path));
    }
    const hid_t gid = groupId(group);
    // Variable-length UTF-8: h5py reads str via .asstr(), h5netcdf/xarray give a str coordinate
    // and netCDF-C sees NC_STRING.
    Hdf5Handle type = vlenStringType(m_tempPath);
    const hsize_t size = labels.size();
    Hdf5Handle space =
        own(H5Screate_simple(1, &size, nullptr), H5Sclose, "H5Screate_simple", path, m_tempPath);
    Hdf5Handle dataset = own(H5Dcreate2(gid, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "H5Dcreate2", path, m_tempPath);
    writeStrings(dataset.get(), type.get(), labels, path, m_tempPath);
    check(H5DSset_scale(dataset.get(), name.c_str()), "H5DSset_scale", path, m_tempPath);
    check(dataset.close(), "H5Dclose", path, m_tempPath);
}

SeriesId Hdf5Writer::createSeries(const std::string& groupPath, const std::string& name,
                                  const std::string& labelAxis, const std::string& units,
                                  const std::string& longName, StoredPrecision precision) {
    const auto hdf5 = enterHdf5();
    requireOpen("createSeries");
    requireName(name, "series", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    const auto timeAxis = m_timeAxes.find(group);
    if (timeAxis == m_timeAxes.end()) {
        throw OutputError(fmt::format("series '{}': group '{}' has no time axis (call "
                                      "createTimeAxis first)",
                                      path, h5Path(group)));
    }
    const hid_t gid = groupId(group);

    Hdf5Handle axis;
    hsize_t columns = 0;
    if (!labelAxis.empty()) {
        const std::string axisPath = join(group, labelAxis);
        axis = own(H5Dopen2(gid, labelAxis.c_str(), H5P_DEFAULT), H5Dclose, "H5Dopen2", axisPath,
                   m_tempPath);
        columns = extentOf1d(axis.get(), axisPath, m_tempPath);
        if (columns == 0) {
            throw OutputError(fmt::format("series '{}': label axis '{}' is empty", path, axisPath));
        }
    }

    const int rank = columns == 0 ? 1 : 2;
    const hsize_t initial[2] = {0, columns};
    const hsize_t maximum[2] = {H5S_UNLIMITED, columns};
    Hdf5Handle space = own(H5Screate_simple(rank, initial, maximum), H5Sclose, "H5Screate_simple",
                           path, m_tempPath);

    hsize_t chunk[2] = {kChunk1d, 1};
    if (columns > 0) {
        chunk[1] = std::min(columns, kMaxChunkColumns);
        chunk[0] = std::clamp(kTargetChunkValues / chunk[1], kMinChunkRows, kMaxChunkRows);
    }
    Hdf5Handle dcpl = seriesCreationPlist(rank, chunk, path, m_tempPath);
    // Chunks are written directly (writeBand), never through HDF5's chunk cache.
    const hid_t fileType = precision == StoredPrecision::Float32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE;
    Hdf5Handle dataset = own(
        H5Dcreate2(gid, name.c_str(), fileType, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        H5Dclose, "H5Dcreate2", path, m_tempPath);
    check(H5DSattach_scale(dataset.get(), m_series[timeAxis->second].dataset.get(), 0),
          "H5DSattach_scale", path, m_tempPath);
    if (axis) {
        check(H5DSattach_scale(dataset.get(), axis.get(), 1), "H5DSattach_scale", path, m_tempPath);
    }
    putUnitsAndName(dataset.get(), units, longName, path, m_tempPath);

    Series series;
    series.dataset = std::move(dataset);
    series.path = path;
    series.columns = columns;
    series.chunkRows = chunk[0];
    series.chunkColumns = chunk[1];
    series.elementSize = precision == StoredPrecision::Float32 ? sizeof(float) : sizeof(double);
    m_series.push_back(std::move(series));
    return SeriesId{m_series.size() - 1};
}

void Hdf5Writer::appendTimes(const std::string& groupPath, std::span<const double> hours) {
    const auto hdf5 = enterHdf5();
    requireOpen("appendTimes");
    const std::string group = normalise(groupPath);
    const std::string path = join(group, "time");
    const auto axis = m_timeAxes.find(group);
    if (axis == m_timeAxes.end()) {
        throw OutputError(fmt::format("appendTimes: group '{}' in '{}' has no time axis",
                                      h5Path(group), m_tempPath.string()));
    }
    if (hours.empty()) {
        return;
    }
    append(m_series[axis->second], hours);
}

void Hdf5Writer::appendRows(SeriesId id, std::span<const double> values) {
    const auto hdf5 = enterHdf5();
    requireOpen("appendRows");
    if (id.index >= m_series.size()) {
        throw OutputError(fmt::format("appendRows: unknown series id {} (only {} series in '{}')",
                                      id.index, m_series.size(), m_tempPath.string()));
    }
    Series& series = m_series[id.index];
    const std::size_t width = series.columns == 0 ? 1 : series.columns;
    if (values.size() % width != 0) {
        throw OutputError(fmt::format(
            "appendRows: {} values for series with {} columns is not a whole number of rows",
            values.size(), width));
    }
    if (values.empty()) {
        return;
    }
    append(series, values);
}

void Hdf5Writer::append(Series& series, std::span<const double> values) {
    const std::size_t width = series.columns == 0 ? 1 : series.columns;
    const std::size_t bandValues = series.chunkRows * width;
    while (!values.empty()) {
        if (series.band.empty() && values.size() >= bandValues) {
            // A whole band in the caller's rows: encoded from there, not copied first.
            writeBand(series, series.rows, series.chunkRows, values.first(bandValues));
            series.rows += series.chunkRows;
            values = values.subspan(bandValues);
            continue;
        }
        const std::size_t take = std::min(bandValues - series.band.size(), values.size());
        series.band.insert(series.band.end(), values.begin(),
                           values.begin() + static_cast<std::ptrdiff_t>(take));
        series.rows += take / width;
        values = values.subspan(take);
        if (series.band.size() == bandValues) {
            writeBand(series, series.rows - series.chunkRows, series.chunkRows, series.band);
            series.band.clear();
        }
    }
}

void Hdf5Writer::writeBand(Series& series, hsize_t firstRow, hsize_t bandRows,
                           std::span<const double> values) {
    const std::size_t width = series.columns == 0 ? 1 : series.columns;
    const hsize_t extent[2] = {firstRow + bandRows, width};
    check(H5Dset_extent(series.dataset.get(), extent), "H5Dset_extent", series.path, m_tempPath);
    const std::size_t chunkRows = series.chunkRows, chunkColumns = series.chunkColumns;
    const std::size_t chunkBytes = chunkRows * chunkColumns * series.elementSize;
    if (m_chunk.size() < chunkBytes) {
        m_chunk.resize(chunkBytes); // grows only: no clearing per chunk
    }
    const double fill = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t first = 0; first < width; first += chunkColumns) {
        // Gather the chunk in the stored type; rows and columns beyond the data hold the fill.
        const std::size_t columns = std::min(chunkColumns, width - first);
        auto gather = [&](auto* out) {
            using Stored = std::remove_pointer_t<decltype(out)>;
            for (std::size_t r = 0; r < chunkRows; ++r) {
                Stored* row = out + r * chunkColumns;
                std::size_t c = 0;
                if (r < bandRows) {
                    const double* from = values.data() + r * width + first;
                    for (; c < columns; ++c) {
                        row[c] = static_cast<Stored>(from[c]);
                    }
                }
                for (; c < chunkColumns; ++c) {
                    row[c] = static_cast<Stored>(fill);
                }
            }
        };
        std::span<const std::byte> stored;
        {
            // Gathering and encoding make no HDF5 call: parallel runs' files encode at once
            // (the callers, appendRows, appendTimes and commit, hold the lock once).
            const WithoutHdf5Lock unlocked;
            if (series.elementSize == sizeof(float)) {
                gather(reinterpret_cast<float*>(m_chunk.data()));
            } else {
                gather(reinterpret_cast<double*>(m_chunk.data()));
            }
            stored = m_encoder.encode({m_chunk.data(), chunkBytes}, series.elementSize);
        }
        const hsize_t offset[2] = {firstRow, first};
        check(H5Dwrite_chunk(series.dataset.get(), H5P_DEFAULT, 0, offset, stored.size(),
                             stored.data()),
              "H5Dwrite_chunk", series.path, m_tempPath);
    }
}

Hdf5Handle Hdf5Writer::openLabelAxis(const std::string& group, const std::string& labelAxis,
                                     std::size_t expected, const std::string& path) {
    const std::string axisPath = join(group, labelAxis);
    Hdf5Handle axis = own(H5Dopen2(groupId(group), labelAxis.c_str(), H5P_DEFAULT), H5Dclose,
                          "H5Dopen2", axisPath, m_tempPath);
    const hsize_t size = extentOf1d(axis.get(), axisPath, m_tempPath);
    if (size != expected) {
        throw OutputError(fmt::format("vector '{}': {} values but label axis '{}' has {} labels",
                                      path, expected, axisPath, size));
    }
    return axis;
}

void Hdf5Writer::writeVector(const std::string& groupPath, const std::string& name,
                             const std::string& labelAxis, std::span<const double> values,
                             const std::string& units, const std::string& longName) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeVector");
    requireName(name, "vector", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    if (labelAxis.empty()) {
        throw OutputError(fmt::format(
            "vector '{}': a label axis is required so that readers see a named dimension", path));
    }
    const hid_t gid = groupId(group);
    Hdf5Handle axis = openLabelAxis(group, labelAxis, values.size(), path);
    const hsize_t size = values.size();
    Hdf5Handle space =
        own(H5Screate_simple(1, &size, nullptr), H5Sclose, "H5Screate_simple", path, m_tempPath);
    Hdf5Handle dataset = own(H5Dcreate2(gid, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "H5Dcreate2", path, m_tempPath);
    if (size > 0) {
        check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                       values.data()),
              "H5Dwrite", path, m_tempPath);
    }
    check(H5DSattach_scale(dataset.get(), axis.get(), 0), "H5DSattach_scale", path, m_tempPath);
    putUnitsAndName(dataset.get(), units, longName, path, m_tempPath);
    check(dataset.close(), "H5Dclose", path, m_tempPath);
}

void Hdf5Writer::writeStringVector(const std::string& groupPath, const std::string& name,
                                   const std::string& labelAxis,
                                   const std::vector<std::string>& values,
                                   const std::string& longName) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeStringVector");
    requireName(name, "vector", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    const hid_t gid = groupId(group);
    Hdf5Handle axis = openLabelAxis(group, labelAxis, values.size(), path);
    const hsize_t size = values.size();
    Hdf5Handle type = vlenStringType(m_tempPath);
    Hdf5Handle space =
        own(H5Screate_simple(1, &size, nullptr), H5Sclose, "H5Screate_simple", path, m_tempPath);
    Hdf5Handle dataset = own(H5Dcreate2(gid, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "H5Dcreate2", path, m_tempPath);
    writeStrings(dataset.get(), type.get(), values, path, m_tempPath);
    check(H5DSattach_scale(dataset.get(), axis.get(), 0), "H5DSattach_scale", path, m_tempPath);
    putStringAttribute(dataset.get(), "long_name", longName, path, m_tempPath);
    check(dataset.close(), "H5Dclose", path, m_tempPath);
}

void Hdf5Writer::writeScalar(const std::string& groupPath, const std::string& name, double value,
                             const std::string& units, const std::string& longName) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeScalar");
    requireName(name, "scalar", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    const hid_t gid = groupId(group);
    Hdf5Handle space = scalarSpace(path, m_tempPath);
    Hdf5Handle dataset = own(H5Dcreate2(gid, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "H5Dcreate2", path, m_tempPath);
    check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
          "H5Dwrite", path, m_tempPath);
    putUnitsAndName(dataset.get(), units, longName, path, m_tempPath);
    check(dataset.close(), "H5Dclose", path, m_tempPath);
}

void Hdf5Writer::writeAttribute(const std::string& objectPath, const std::string& name,
                                const std::string& value) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeAttribute");
    const std::string path = normalise(objectPath);
    Hdf5Handle object = openObject(m_file.get(), path, m_tempPath);
    putStringAttribute(object.get(), name, value, h5Path(path), m_tempPath);
}

void Hdf5Writer::writeAttribute(const std::string& objectPath, const std::string& name,
                                double value) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeAttribute");
    const std::string path = normalise(objectPath);
    Hdf5Handle object = openObject(m_file.get(), path, m_tempPath);
    putDoubleAttribute(object.get(), name, value, h5Path(path), m_tempPath);
}

void Hdf5Writer::writeString(const std::string& groupPath, const std::string& name,
                             const std::string& value) {
    const auto hdf5 = enterHdf5();
    requireOpen("writeString");
    requireName(name, "string", m_tempPath);
    const std::string group = normalise(groupPath);
    const std::string path = join(group, name);
    const hid_t gid = groupId(group);
    Hdf5Handle type = vlenStringType(m_tempPath);
    Hdf5Handle space = scalarSpace(path, m_tempPath);
    Hdf5Handle dataset = own(H5Dcreate2(gid, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                        H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, "H5Dcreate2", path, m_tempPath);
    const char* text = value.c_str();
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "H5Dwrite",
          path, m_tempPath);
    check(dataset.close(), "H5Dclose", path, m_tempPath);
}

void Hdf5Writer::commit() {
    const auto hdf5 = enterHdf5();
    requireOpen("commit");
    for (Series& series : m_series) {
        // The last, partial band of each series (and time axis).
        const hsize_t pending = series.band.size() / (series.columns == 0 ? 1 : series.columns);
        if (pending > 0) {
            writeBand(series, series.rows - pending, pending, series.band);
            series.band = {};
        }
        check(series.dataset.close(), "H5Dclose", series.path, m_tempPath);
    }
    for (auto& [group, handle] : m_groups) {
        check(handle.close(), "H5Gclose", group, m_tempPath);
    }
    check(m_file.close(), "H5Fclose", "/", m_tempPath);

    // HDF5 does not sync on close: do it before the rename, so that after a power cut the
    // final path holds either the old file or the complete new one.
    const int fd = ::open(m_tempPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int code = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw OutputError(fmt::format("cannot sync '{}': {}", m_tempPath.string(),
                                      std::generic_category().message(code)));
    }
    ::close(fd);

    // The output may have been replaced by a special file since the run started.
    checkOutputPath(m_finalPath, {});
    std::error_code error;
    std::filesystem::rename(m_tempPath, m_finalPath, error);
    if (error) {
        throw OutputError(fmt::format("cannot rename '{}' to '{}': {}", m_tempPath.string(),
                                      m_finalPath.string(), error.message()));
    }
    m_committed = true;
}

// ---------------------------------------------------------------------------------------------
// Hdf5Reader

Hdf5Reader::Hdf5Reader(const std::filesystem::path& path) : m_path(path) {
    const auto hdf5 = enterHdf5();
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw OutputError(fmt::format("cannot read '{}': no such file", path.string()));
    }
    const htri_t isHdf5 = H5Fis_hdf5(path.c_str());
    if (isHdf5 <= 0) {
        const std::string detail = hdf5Detail();
        throw OutputError(fmt::format("'{}' is not an HDF5 file{}{}", path.string(),
                                      detail.empty() ? "" : ": ", detail));
    }
    m_file =
        own(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "H5Fopen", "/", m_path);
}

bool Hdf5Reader::exists(const std::string& objectPath) const {
    const auto hdf5 = enterHdf5();
    const std::string path = normalise(objectPath);
    std::string prefix;
    for (const std::string& part : splitPath(path)) {
        prefix = join(prefix, part);
        if (check(H5Lexists(m_file.get(), prefix.c_str(), H5P_DEFAULT), "H5Lexists", prefix,
                  m_path) <= 0) {
            return false;
        }
    }
    // A dangling soft link exists as a link but not as an object.
    return check(H5Oexists_by_name(m_file.get(), h5Path(path).c_str(), H5P_DEFAULT),
                 "H5Oexists_by_name", h5Path(path), m_path) > 0;
}

std::vector<std::string> Hdf5Reader::list(const std::string& groupPath) const {
    const auto hdf5 = enterHdf5();
    const std::string group = h5Path(normalise(groupPath));
    Hdf5Handle handle = own(H5Gopen2(m_file.get(), group.c_str(), H5P_DEFAULT), H5Gclose,
                            "H5Gopen2", group, m_path);
    std::vector<std::string> names;
    check(H5Literate(handle.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collectLinkName, &names),
          "H5Literate", group, m_path);
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<double> Hdf5Reader::readDoubles(const std::string& datasetPath,
                                            std::vector<std::size_t>* shape) const {
    const auto hdf5 = enterHdf5();
    const std::string path = h5Path(normalise(datasetPath));
    Hdf5Handle dataset =
        own(H5Dopen2(m_file.get(), path.c_str(), H5P_DEFAULT), H5Dclose, "H5Dopen2", path, m_path);
    Hdf5Handle type = own(H5Dget_type(dataset.get()), H5Tclose, "H5Dget_type", path, m_path);
    if (!isNumericClass(H5Tget_class(type.get()))) {
        throw OutputError(
            fmt::format("'{}' in '{}' is not a numeric dataset", path, m_path.string()));
    }
    Hdf5Handle space = own(H5Dget_space(dataset.get()), H5Sclose, "H5Dget_space", path, m_path);
    const int rank =
        check(H5Sget_simple_extent_ndims(space.get()), "H5Sget_simple_extent_ndims", path, m_path);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0) {
        check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr),
              "H5Sget_simple_extent_dims", path, m_path);
    }
    if (shape != nullptr) {
        shape->assign(dims.begin(), dims.end());
    }
    return readNumericData(dataset.get(), false, space.get(), path, m_path);
}

double Hdf5Reader::readScalar(const std::string& datasetPath) const {
    std::vector<double> values = readDoubles(datasetPath);
    if (values.size() != 1) {
        throw OutputError(fmt::format("'{}' in '{}' holds {} values, not one", datasetPath,
                                      m_path.string(), values.size()));
    }
    return values.front();
}

std::vector<std::string> Hdf5Reader::readStrings(const std::string& datasetPath) const {
    const auto hdf5 = enterHdf5();
    const std::string path = h5Path(normalise(datasetPath));
    Hdf5Handle dataset =
        own(H5Dopen2(m_file.get(), path.c_str(), H5P_DEFAULT), H5Dclose, "H5Dopen2", path, m_path);
    Hdf5Handle type = own(H5Dget_type(dataset.get()), H5Tclose, "H5Dget_type", path, m_path);
    if (H5Tget_class(type.get()) != H5T_STRING) {
        throw OutputError(
            fmt::format("'{}' in '{}' is not a string dataset", path, m_path.string()));
    }
    Hdf5Handle space = own(H5Dget_space(dataset.get()), H5Sclose, "H5Dget_space", path, m_path);
    return readStringData(dataset.get(), false, type.get(), space.get(), path, m_path);
}

std::string Hdf5Reader::readString(const std::string& datasetPath) const {
    std::vector<std::string> values = readStrings(datasetPath);
    if (values.size() != 1) {
        throw OutputError(fmt::format("'{}' in '{}' holds {} strings, not one", datasetPath,
                                      m_path.string(), values.size()));
    }
    return std::move(values.front());
}

std::string Hdf5Reader::readAttribute(const std::string& objectPath,
                                      const std::string& name) const {
    const auto hdf5 = enterHdf5();
    const std::string path = h5Path(normalise(objectPath));
    const std::string where = path + "@" + name;
    Hdf5Handle object = openObject(m_file.get(), path, m_path);
    if (check(H5Aexists(object.get(), name.c_str()), "H5Aexists", where, m_path) <= 0) {
        return {};
    }
    Hdf5Handle attribute =
        own(H5Aopen(object.get(), name.c_str(), H5P_DEFAULT), H5Aclose, "H5Aopen", where, m_path);
    Hdf5Handle type = own(H5Aget_type(attribute.get()), H5Tclose, "H5Aget_type", where, m_path);
    Hdf5Handle space = own(H5Aget_space(attribute.get()), H5Sclose, "H5Aget_space", where, m_path);
    const H5T_class_t typeClass = H5Tget_class(type.get());
    std::string text;
    if (typeClass == H5T_STRING) {
        for (const std::string& part :
             readStringData(attribute.get(), true, type.get(), space.get(), where, m_path)) {
            text += text.empty() ? part : ", " + part;
        }
    } else if (isNumericClass(typeClass)) {
        for (double value : readNumericData(attribute.get(), true, space.get(), where, m_path)) {
            text += (text.empty() ? "" : ", ") + fmt::format("{}", value);
        }
    } else {
        throw OutputError(fmt::format("attribute '{}' in '{}' is neither text nor a number", where,
                                      m_path.string()));
    }
    return text;
}

double Hdf5Reader::readDoubleAttribute(const std::string& objectPath,
                                       const std::string& name) const {
    const auto hdf5 = enterHdf5();
    const std::string path = h5Path(normalise(objectPath));
    const std::string where = path + "@" + name;
    Hdf5Handle object = openObject(m_file.get(), path, m_path);
    Hdf5Handle attribute =
        own(H5Aopen(object.get(), name.c_str(), H5P_DEFAULT), H5Aclose, "H5Aopen", where, m_path);
    Hdf5Handle type = own(H5Aget_type(attribute.get()), H5Tclose, "H5Aget_type", where, m_path);
    if (!isNumericClass(H5Tget_class(type.get()))) {
        throw OutputError(
            fmt::format("attribute '{}' in '{}' is not numeric", where, m_path.string()));
    }
    Hdf5Handle space = own(H5Aget_space(attribute.get()), H5Sclose, "H5Aget_space", where, m_path);
    std::vector<double> values = readNumericData(attribute.get(), true, space.get(), where, m_path);
    if (values.size() != 1) {
        throw OutputError(fmt::format("attribute '{}' in '{}' holds {} values, not one", where,
                                      m_path.string(), values.size()));
    }
    return values.front();
}

std::vector<std::string> Hdf5Reader::listAttributes(const std::string& objectPath) const {
    const auto hdf5 = enterHdf5();
    const std::string path = h5Path(normalise(objectPath));
    Hdf5Handle object = openObject(m_file.get(), path, m_path);
    std::vector<std::string> names;
    check(H5Aiterate2(object.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collectAttributeName,
                      &names),
          "H5Aiterate2", path, m_path);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace heatnet
