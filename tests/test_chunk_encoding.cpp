// The result file's own chunk encoding (solver/output/ShuffleDeflateEncoder.h, written with
// H5Dwrite_chunk by Hdf5Writer): HDF5's shuffle layout, the byte entropy that decides what is
// stored, and chunks that HDF5's standard shuffle + deflate filters decode to the values written
// (full chunks, a partial last band, edge columns, float32), with noise stored and smooth series
// compressed.
#include "solver/output/Hdf5File.h"
#include "solver/output/ShuffleDeflateEncoder.h"

#include "tests/TestSupport.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace heatnet;
namespace fs = std::filesystem;

namespace {

std::vector<std::byte> bytesOf(std::initializer_list<unsigned> values) {
    std::vector<std::byte> bytes;
    for (unsigned v : values) {
        bytes.push_back(static_cast<std::byte>(v));
    }
    return bytes;
}

//! Same bytes: NaN == NaN, +0 != −0.
bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

//! The stored size [bytes] and filter mask of the chunk at `row` (column 0) of a dataset.
struct StoredChunk {
    hsize_t bytes = 0;
    unsigned mask = 0;
};
StoredChunk storedChunk(const fs::path& file, const std::string& dataset, hsize_t row) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hsize_t offset[2] = {row, 0};
    StoredChunk chunk;
    haddr_t address = 0;
    const hid_t space = H5Dget_space(d);
    hsize_t count = 0;
    H5Dget_num_chunks(d, space, &count);
    for (hsize_t i = 0; i < count; ++i) {
        hsize_t at[2] = {0, 0};
        unsigned mask = 0;
        hsize_t size = 0;
        REQUIRE(H5Dget_chunk_info(d, space, i, at, &mask, &address, &size) >= 0);
        if (at[0] == offset[0] && at[1] == offset[1]) {
            chunk = {size, mask};
        }
    }
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
    REQUIRE(chunk.bytes > 0);
    return chunk;
}

} // namespace

TEST_CASE("chunk encoding: byte planes laid out as HDF5's shuffle filter does", "[output]") {
    // Three 4-byte elements and two trailing bytes of an incomplete element.
    const std::vector<std::byte> in =
        bytesOf({0xa0, 0xa1, 0xa2, 0xa3, 0xb0, 0xb1, 0xb2, 0xb3, 0xc0, 0xc1, 0xc2, 0xc3, 1, 2});
    std::vector<std::byte> out(in.size());
    shuffleBytes(in, 4, out);
    CHECK(out ==
          bytesOf({0xa0, 0xb0, 0xc0, 0xa1, 0xb1, 0xc1, 0xa2, 0xb2, 0xc2, 0xa3, 0xb3, 0xc3, 1, 2}));
    shuffleBytes(in, 1, out);
    CHECK(out == in);
}

TEST_CASE("chunk encoding: byte entropy is Shannon's", "[output]") {
    std::vector<std::byte> every;
    for (unsigned v = 0; v < 256; ++v) {
        every.push_back(static_cast<std::byte>(v));
    }
    CHECK(byteEntropy_bits(every) == Approx(8.0).epsilon(1e-12));
    CHECK(byteEntropy_bits(std::vector<std::byte>(1000, std::byte{7})) == 0.0);
    CHECK(byteEntropy_bits(bytesOf({1, 2, 1, 2, 1, 2, 1})) ==
          Approx(-(4.0 / 7) * std::log2(4.0 / 7) - (3.0 / 7) * std::log2(3.0 / 7)));
    CHECK(byteEntropy_bits({}) == 0.0);
    // Every second byte: the 1s only.
    CHECK(byteEntropy_bits(bytesOf({1, 2, 1, 2, 1, 2, 1}), 2) == 0.0);
    // Every 256th of 256 × 256 bytes cycling through 0..255: all the same value...
    std::vector<std::byte> cycle;
    for (unsigned i = 0; i < 256 * 256; ++i) {
        cycle.push_back(static_cast<std::byte>(i % 256));
    }
    CHECK(byteEntropy_bits(cycle, 256) == 0.0);
    // ...and every 255th: each value equally often, uniform.
    CHECK(byteEntropy_bits(cycle, 255) == Approx(8.0).epsilon(1e-3));
}

TEST_CASE("chunk encoding: HDF5's shuffle + deflate filters decode the written chunks to the "
          "values, full chunks and a partial last band alike",
          "[output][hdf5]") {
    const fs::path dir = testing::scratchDirectory("chunk-encoding");
    const fs::path file = dir / "chunks.h5";
    // 600 columns: chunks of 32 rows × 512 columns, so an edge chunk of 88 columns; 400 rows:
    // 12 full bands and a partial one of 16 rows. 1-D series: chunks of 1024 rows, 2100 rows.
    const std::size_t columns = 600, rows = 400, rows1d = 2100;
    std::mt19937_64 random(12);
    std::uniform_real_distribution<double> temperature(40.0, 90.0);
    std::vector<double> noise, smooth, mixed, rounded, series1d;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            noise.push_back(temperature(random));                // every mantissa byte random
            smooth.push_back(0.25 * static_cast<double>(r + c)); // low bytes zero
            // Zero flows in some columns, results elsewhere, and the fill value itself.
            mixed.push_back(c % 3 == 0 ? 0.0 : (c == 7 ? std::nan("") : temperature(random)));
            rounded.push_back(temperature(random));
        }
    }
    for (std::size_t r = 0; r < rows1d; ++r) {
        series1d.push_back(std::sqrt(static_cast<double>(r)));
    }
    {
        Hdf5Writer writer(file);
        std::vector<std::string> labels;
        for (std::size_t c = 0; c < columns; ++c) {
            labels.push_back(fmt::format("P{}", c));
        }
        writer.createTimeAxis("g", "2030-01-01 00:00:00");
        writer.createLabelAxis("g", "pipe", labels);
        const SeriesId ids[] = {
            writer.createSeries("g", "noise", "pipe", "K", "noise"),
            writer.createSeries("g", "smooth", "pipe", "K", "smooth"),
            writer.createSeries("g", "mixed", "pipe", "K", "mixed"),
            writer.createSeries("g", "rounded", "pipe", "K", "float32", StoredPrecision::Float32),
        };
        const std::vector<double>* data[] = {&noise, &smooth, &mixed, &rounded};
        const SeriesId id1d = writer.createSeries("g", "one", "", "1", "1-D");
        // Batches across band borders: partial bands, whole bands straight from the caller's
        // rows (64 = 2 bands when the band is empty), a week.
        std::size_t row = 0;
        for (std::size_t batch : {1, 31, 64, 7, 168, 129}) {
            for (std::size_t s = 0; s < 4; ++s) {
                writer.appendRows(ids[s],
                                  std::span(*data[s]).subspan(row * columns, batch * columns));
            }
            row += batch;
        }
        REQUIRE(row == rows);
        writer.appendRows(id1d, std::span(series1d).first(1000));
        writer.appendRows(id1d, std::span(series1d).subspan(1000));
        writer.commit();
    }

    const Hdf5Reader reader(file);
    std::vector<std::size_t> shape;
    CHECK(sameBits(reader.readDoubles("g/noise", &shape), noise));
    CHECK(shape == std::vector<std::size_t>{rows, columns});
    CHECK(sameBits(reader.readDoubles("g/smooth"), smooth));
    CHECK(sameBits(reader.readDoubles("g/mixed"), mixed));
    std::vector<double> asFloat;
    for (double v : rounded) {
        asFloat.push_back(static_cast<double>(static_cast<float>(v)));
    }
    CHECK(sameBits(reader.readDoubles("g/rounded", &shape), asFloat));
    CHECK(shape == std::vector<std::size_t>{rows, columns});
    CHECK(sameBits(reader.readDoubles("g/one", &shape), series1d));
    CHECK(shape == std::vector<std::size_t>{rows1d});

    // Stored with both filters applied (mask 0); random mantissas are stored, not inflated
    // (a 32 × 512 chunk is 131,072 bytes raw); exactly spaced values shrink a lot.
    const double raw = 32.0 * 512 * sizeof(double);
    const StoredChunk noisy = storedChunk(file, "g/noise", 0);
    CHECK(noisy.mask == 0);
    CHECK(static_cast<double>(noisy.bytes) < 0.9 * raw); // exponent and top bytes compress
    const StoredChunk last = storedChunk(file, "g/noise", 384);
    CHECK(last.mask == 0);
    const StoredChunk regular = storedChunk(file, "g/smooth", 384);
    CHECK(regular.mask == 0);
    CHECK(static_cast<double>(regular.bytes) < 0.2 * raw);
}

TEST_CASE("chunk encoding: a chunk of pure noise is stored, within a few bytes of its size, "
          "and still decodes",
          "[output][hdf5]") {
    const fs::path dir = testing::scratchDirectory("chunk-encoding-noise");
    const fs::path file = dir / "noise.h5";
    std::mt19937_64 random(5);
    std::vector<double> bits(3000);
    for (double& v : bits) {
        // Random bytes in every plane, exponent included (but no NaN or infinity).
        const std::uint64_t word = random() & ~(std::uint64_t{1} << 62);
        std::memcpy(&v, &word, sizeof v);
    }
    {
        Hdf5Writer writer(file);
        writer.createTimeAxis("g", "2030-01-01 00:00:00");
        const SeriesId id = writer.createSeries("g", "bits", "", "1", "random bits");
        writer.appendRows(id, bits);
        writer.commit();
    }
    const Hdf5Reader reader(file);
    CHECK(sameBits(reader.readDoubles("g/bits"), bits));
    const StoredChunk chunk = storedChunk(file, "g/bits", 0);
    CHECK(chunk.mask == 0);
    // 1024 values: 8192 bytes, plus the zlib header and checksum and two block headers.
    CHECK(chunk.bytes <= 8192 + 2 + 4 + 5 + 5 + 5);
}
