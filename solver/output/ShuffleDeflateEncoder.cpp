#include "solver/output/ShuffleDeflateEncoder.h"

#include "solver/Error.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace heatnet {

namespace {

constexpr int kDeflateLevel = 1;
constexpr std::size_t kMaxStoredBlock = 65535; //!< RFC 1951: LEN is 16 bits
constexpr std::size_t kEntropySamples = 4096;  //!< bytes of a plane whose entropy decides

//! Writes the low byte of `value` at `out` and moves past it.
void put(std::byte*& out, std::size_t value) {
    *out++ = static_cast<std::byte>(value & 0xffU);
}

//! RFC 1951 stored blocks holding `bytes`, none marked final (the stream goes on after them).
void putStoredBlocks(std::byte*& out, std::span<const std::byte> bytes) {
    while (!bytes.empty()) {
        const std::size_t length = std::min(bytes.size(), kMaxStoredBlock);
        put(out, 0x00); // BFINAL 0, BTYPE 00 (stored), padding to the byte boundary
        put(out, length);
        put(out, length >> 8);
        put(out, ~length);
        put(out, ~length >> 8);
        std::memcpy(out, bytes.data(), length);
        out += length;
        bytes = bytes.subspan(length);
    }
}

//! Moves byte b of each of the `elements` elements of `in` to plane b of `out`.
template <std::size_t ElementSize>
void shufflePlanes(const std::byte* in, std::size_t elements, std::byte* out) {
    for (std::size_t e = 0; e < elements; ++e) {
        for (std::size_t b = 0; b < ElementSize; ++b) {
            out[b * elements + e] = in[e * ElementSize + b];
        }
    }
}

} // namespace

void ShuffleDeflateEncoder::CompressorDeleter::operator()(libdeflate_compressor* compressor) const {
    libdeflate_free_compressor(compressor);
}

ShuffleDeflateEncoder::ShuffleDeflateEncoder()
    : m_compressor(libdeflate_alloc_compressor(kDeflateLevel)) {
    if (!m_compressor) {
        throw OutputError("cannot allocate the deflate compressor (out of memory)");
    }
}

ShuffleDeflateEncoder::~ShuffleDeflateEncoder() = default;

void shuffleBytes(std::span<const std::byte> in, std::size_t elementSize,
                  std::span<std::byte> out) {
    const std::size_t elements = elementSize == 0 ? 0 : in.size() / elementSize;
    if (elementSize <= 1 || elements <= 1) {
        std::memcpy(out.data(), in.data(), in.size());
        return;
    }
    // The float64 and float32 cases with a constant stride, which the compiler unrolls.
    if (elementSize == 8) {
        shufflePlanes<8>(in.data(), elements, out.data());
    } else if (elementSize == 4) {
        shufflePlanes<4>(in.data(), elements, out.data());
    } else {
        for (std::size_t b = 0; b < elementSize; ++b) {
            std::byte* plane = out.data() + b * elements;
            const std::byte* from = in.data() + b;
            for (std::size_t e = 0; e < elements; ++e) {
                plane[e] = from[e * elementSize];
            }
        }
    }
    const std::size_t whole = elements * elementSize;
    std::memcpy(out.data() + whole, in.data() + whole, in.size() - whole);
}

double byteEntropy_bits(std::span<const std::byte> bytes, std::size_t stride) {
    stride = std::max<std::size_t>(stride, 1);
    if (bytes.empty()) {
        return 0.0;
    }
    // Four histograms side by side: consecutive equal bytes do not wait on each other's count.
    std::array<std::array<std::uint32_t, 256>, 4> counts{};
    const std::size_t samples = (bytes.size() + stride - 1) / stride;
    const std::size_t quads = samples / 4;
    const std::byte* at = bytes.data();
    for (std::size_t i = 0; i < quads; ++i, at += 4 * stride) {
        for (std::size_t k = 0; k < 4; ++k) {
            ++counts[k][std::to_integer<unsigned>(at[k * stride])];
        }
    }
    for (std::size_t i = 4 * quads; i < samples; ++i) {
        ++counts[0][std::to_integer<unsigned>(bytes[i * stride])];
    }
    const double total = static_cast<double>(samples);
    double entropy = 0.0;
    for (std::size_t value = 0; value < 256; ++value) {
        const std::uint32_t count =
            counts[0][value] + counts[1][value] + counts[2][value] + counts[3][value];
        if (count > 0) {
            const double p = count / total;
            entropy -= p * std::log2(p);
        }
    }
    return entropy;
}

std::span<const std::byte> ShuffleDeflateEncoder::encode(std::span<const std::byte> chunk,
                                                         std::size_t elementSize) {
    if (m_shuffled.size() < chunk.size()) {
        m_shuffled.resize(chunk.size()); // grows only
    }
    const std::span<const std::byte> shuffled(m_shuffled.data(), chunk.size());
    shuffleBytes(chunk, elementSize, {m_shuffled.data(), chunk.size()});

    // The leading planes that look like noise: stored as they are.
    const std::size_t elements = elementSize == 0 ? 0 : chunk.size() / elementSize;
    std::size_t noise = 0;
    if (elementSize > 1 && elements > 1) {
        // A sample of kEntropySamples bytes of each plane decides (the estimate of uniform
        // noise from 4096 bytes is 7.95 bit/byte, well above the threshold).
        const std::size_t stride = std::max<std::size_t>(elements / kEntropySamples, 1);
        while (noise < elementSize && byteEntropy_bits(shuffled.subspan(noise * elements, elements),
                                                       stride) > kNoiseEntropy_bits) {
            ++noise;
        }
    }
    const std::size_t storedBytes = noise * elements;
    const std::span<const std::byte> deflated = shuffled.subspan(storedBytes);

    const std::size_t deflateBound =
        libdeflate_deflate_compress_bound(m_compressor.get(), deflated.size());
    const std::size_t bound =
        2 + storedBytes + 5 * (storedBytes / kMaxStoredBlock + 1) + deflateBound + 5 + 4;
    if (m_stored.size() < bound) {
        m_stored.resize(bound); // grows only: no clearing of the buffer per chunk
    }
    std::byte* out = m_stored.data();
    // RFC 1950 header: deflate with a 32 KiB window, no dictionary, "fastest" level.
    put(out, 0x78);
    put(out, 0x01);
    putStoredBlocks(out, shuffled.first(storedBytes));
    if (deflated.empty()) {
        put(out, 0x01); // an empty final stored block ends the stream
        put(out, 0x00);
        put(out, 0x00);
        put(out, 0xff);
        put(out, 0xff);
    } else {
        const std::size_t written = libdeflate_deflate_compress(m_compressor.get(), deflated.data(),
                                                                deflated.size(), out, deflateBound);
        if (written == 0) {
            throw OutputError("deflate: the compressed chunk did not fit its bound");
        }
        out += written;
    }
    const std::uint32_t adler = libdeflate_adler32(1, shuffled.data(), shuffled.size());
    put(out, adler >> 24); // RFC 1950: Adler-32 of the uncompressed data, big-endian
    put(out, adler >> 16);
    put(out, adler >> 8);
    put(out, adler);
    return {m_stored.data(), static_cast<std::size_t>(out - m_stored.data())};
}

} // namespace heatnet
