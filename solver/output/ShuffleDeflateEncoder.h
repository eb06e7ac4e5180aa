#pragma once
// Encodes one chunk of a dataset into the bytes HDF5's standard filter pipeline "shuffle, then
// deflate" would store, so that the writer can hand them to H5Dwrite_chunk and every reader
// (HDF5 itself, h5py, xarray, h5dump, netCDF-C) decodes them with its ordinary filters.
//
// Shuffle (HDF5's H5Z_FILTER_SHUFFLE): byte j of every element goes to plane j, planes one after
// the other; bytes of an incomplete last element are copied unchanged.
//
// Deflate (H5Z_FILTER_DEFLATE) stores a zlib stream (RFC 1950: 2-byte header, RFC 1951 blocks,
// Adler-32 of the shuffled bytes). Any valid stream decodes, however it was made; this one is
// cheaper than zlib's compress2, which HDF5 calls, on result series:
// - the leading byte planes whose bytes look random (the low mantissa bytes of float64 results:
//   byte entropy above kNoiseEntropy_bits) go into "stored" blocks, a copy, instead of being
//   searched for matches that are not there;
// - the planes from the first structured one on are deflated by libdeflate at level 1 (about
//   half the instructions of zlib's level 1 for the same size, docs/performance.md).
// Measured on the default year's series: 1.4·10⁹ instead of 4.7·10⁹ instructions, file +0.1 %.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

struct libdeflate_compressor;

namespace heatnet {

class ShuffleDeflateEncoder {
public:
    //! Bytes whose Shannon entropy exceeds this [bit/byte] (8 = uniform noise) are stored as they
    //! are: deflate would gain under 6 % on them at a high cost.
    static constexpr double kNoiseEntropy_bits = 7.5;

    //! Allocates the compressor (libdeflate level 1); throws OutputError if it cannot.
    ShuffleDeflateEncoder();
    ~ShuffleDeflateEncoder();
    ShuffleDeflateEncoder(const ShuffleDeflateEncoder&) = delete;
    ShuffleDeflateEncoder& operator=(const ShuffleDeflateEncoder&) = delete;

    //! The stored form of `chunk` (raw element bytes, element after element, as in the file's
    //! datatype) with elements of `elementSize` bytes. The view is valid until the next call.
    std::span<const std::byte> encode(std::span<const std::byte> chunk, std::size_t elementSize);

private:
    struct CompressorDeleter {
        void operator()(libdeflate_compressor* compressor) const;
    };
    std::unique_ptr<libdeflate_compressor, CompressorDeleter> m_compressor;
    std::vector<std::byte> m_shuffled; //!< the shuffle filter's output
    std::vector<std::byte> m_stored;   //!< the deflate filter's output
};

//! HDF5's shuffle filter: `in` (elements of `elementSize` bytes) into `out` (same size), plane
//! by plane; trailing bytes of an incomplete element are copied unchanged.
void shuffleBytes(std::span<const std::byte> in, std::size_t elementSize, std::span<std::byte> out);

//! Shannon entropy [bit/byte] of the values of every `stride`-th byte of `bytes` (the first
//! included), 0 for an empty span.
double byteEntropy_bits(std::span<const std::byte> bytes, std::size_t stride = 1);

} // namespace heatnet
