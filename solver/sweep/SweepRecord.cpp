#include "solver/sweep/SweepRecord.h"

#include "solver/Error.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace heatnet {

namespace {

class ByteWriter {
public:
    void size(std::size_t n) { raw(static_cast<std::uint64_t>(n)); }
    void number(double x) { raw(x); }
    void text(const std::string& s) {
        size(s.size());
        m_bytes.append(s);
    }
    void numbers(const std::vector<double>& v) {
        size(v.size());
        if (!v.empty()) {
            m_bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
        }
    }
    std::string take() { return std::move(m_bytes); }

private:
    template <typename T> void raw(T value) {
        char buffer[sizeof(T)];
        std::memcpy(buffer, &value, sizeof(T));
        m_bytes.append(buffer, sizeof(T));
    }
    std::string m_bytes;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}
    std::size_t size() {
        const auto n = raw<std::uint64_t>();
        if (n > m_bytes.size()) {
            corrupt();
        }
        return static_cast<std::size_t>(n);
    }
    double number() { return raw<double>(); }
    std::string text() {
        const std::size_t n = size();
        need(n);
        std::string s(m_bytes.substr(m_at, n));
        m_at += n;
        return s;
    }
    std::vector<double> numbers() {
        const std::size_t n = size();
        need(n * sizeof(double));
        std::vector<double> v(n);
        if (n > 0) { // an empty vector's data() may be null, which memcpy must not get
            std::memcpy(v.data(), m_bytes.data() + m_at, n * sizeof(double));
        }
        m_at += n * sizeof(double);
        return v;
    }
    bool atEnd() const { return m_at == m_bytes.size(); }

private:
    [[noreturn]] static void corrupt() { throw Error("sweep record: truncated or corrupt bytes"); }
    void need(std::size_t n) const {
        if (m_bytes.size() - m_at < n) {
            corrupt();
        }
    }
    template <typename T> T raw() {
        need(sizeof(T));
        T value;
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        m_at += sizeof(T);
        return value;
    }
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

//! Record format version: bumped when the layout changes (an old journal is then refused).
constexpr double kRecordVersion = 1;

} // namespace

std::string serialiseRecord(const CaseRecord& r) {
    ByteWriter w;
    w.number(kRecordVersion);
    w.size(r.index);
    w.size(r.parameterTexts.size());
    for (const std::string& t : r.parameterTexts) {
        w.text(t);
    }
    w.numbers(r.parameterNumbers);
    w.size(r.done ? 1 : 0);
    w.text(r.message);
    w.size(r.kpis.size());
    for (const Kpi& k : r.kpis) {
        w.text(k.name);
        w.number(k.value);
        w.text(k.unit);
        w.text(k.description);
    }
    w.text(r.seriesStart);
    w.numbers(r.seriesTimes_h);
    w.size(r.series.size());
    for (const CaseSeries& s : r.series) {
        w.text(s.name);
        w.text(s.unit);
        w.text(s.longName);
        w.numbers(s.values);
    }
    return w.take();
}

CaseRecord deserialiseRecord(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.number() != kRecordVersion) {
        throw Error("sweep record: written by another heatnet version");
    }
    CaseRecord r;
    r.index = in.size();
    const std::size_t parameters = in.size();
    for (std::size_t i = 0; i < parameters; ++i) {
        r.parameterTexts.push_back(in.text());
    }
    r.parameterNumbers = in.numbers();
    r.done = in.size() == 1;
    r.message = in.text();
    const std::size_t kpis = in.size();
    for (std::size_t i = 0; i < kpis; ++i) {
        Kpi k;
        k.name = in.text();
        k.value = in.number();
        k.unit = in.text();
        k.description = in.text();
        r.kpis.push_back(std::move(k));
    }
    r.seriesStart = in.text();
    r.seriesTimes_h = in.numbers();
    const std::size_t series = in.size();
    for (std::size_t i = 0; i < series; ++i) {
        CaseSeries s;
        s.name = in.text();
        s.unit = in.text();
        s.longName = in.text();
        s.values = in.numbers();
        r.series.push_back(std::move(s));
    }
    if (!in.atEnd()) {
        throw Error("sweep record: trailing bytes");
    }
    return r;
}

double recordKpi(const CaseRecord& record, const std::string& name) {
    if (record.done) {
        for (const Kpi& k : record.kpis) {
            if (k.name == name) {
                return k.value;
            }
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<bool> paretoOptimal(const std::vector<CaseRecord>& records,
                                const std::vector<std::string>& objectives,
                                const std::vector<bool>& maximise) {
    const std::size_t n = records.size(), m = objectives.size();
    // Costs to minimise; a record with any non-finite objective takes no part.
    std::vector<std::vector<double>> cost(n, std::vector<double>(m));
    std::vector<bool> eligible(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        eligible[i] = records[i].done;
        for (std::size_t k = 0; k < m && eligible[i]; ++k) {
            const double value = recordKpi(records[i], objectives[k]);
            eligible[i] = std::isfinite(value);
            cost[i][k] = maximise[k] ? -value : value;
        }
    }
    std::vector<bool> optimal(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (!eligible[i]) {
            continue;
        }
        bool dominated = false;
        for (std::size_t j = 0; j < n && !dominated; ++j) {
            if (j == i || !eligible[j]) {
                continue;
            }
            bool noWorse = true, better = false;
            for (std::size_t k = 0; k < m; ++k) {
                noWorse = noWorse && cost[j][k] <= cost[i][k];
                better = better || cost[j][k] < cost[i][k];
            }
            dominated = noWorse && better;
        }
        optimal[i] = !dominated;
    }
    return optimal;
}

} // namespace heatnet
