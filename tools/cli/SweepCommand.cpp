// `heatnet sweep SWEEP.yaml [-o sweep.h5] [--threads N] [--resume] [--shard i/N]` and
// `heatnet sweep merge -o sweep.h5 SHARD.h5...`. Under mpirun the ranks share the cases (rank 0
// hands them out and writes the file). Formats: docs/sweeps.md, docs/output.md.
#include "solver/Error.h"
#include "solver/output/OutputPath.h"
#include "solver/sweep/SweepFile.h"
#include "solver/sweep/SweepJournal.h"
#include "solver/sweep/SweepReader.h"
#include "tools/cli/Commands.h"
#include "tools/cli/Isolated.h"
#include "tools/cli/SweepMpi.h"
#include "tools/cli/SweepRunState.h"
#include "tools/cli/SweepTable.h"
#include "tools/cli/ThreadsOption.h"

#include <fmt/format.h>
#include <omp.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <set>

namespace heatnet::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onSweepInterrupt(int) {
    interrupted.store(true);
}

struct Shard {
    std::size_t index = 0, count = 1;
    bool enabled() const { return count > 1 || index > 0; }
    std::string text() const { return enabled() ? fmt::format("{}/{}", index, count) : ""; }
};

Shard parseShard(const std::string& text) {
    Shard shard;
    if (text.empty()) {
        return shard;
    }
    unsigned long i = 0, n = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%lu/%lu%c", &i, &n, &extra) != 2 || n == 0 || i >= n) {
        throw InputError(
            fmt::format("heatnet sweep: --shard '{}': expected i/N with 0 ≤ i < N (e.g. "
                        "--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)",
                        text));
    }
    shard.index = i;
    shard.count = n;
    return shard;
}

struct SweepOptions {
    std::string sweepPath, output, shard;
    int threads = 0;
    bool resume = false, quiet = false, check = false;
};

//! Everything rank 0 (or the only process) prepares before any case runs.
struct Prepared {
    SweepDefinition sweep;
    Shard shard;
    std::filesystem::path output;
    std::vector<std::unique_ptr<OutputLock>> locks; //!< on the result file and the CSV
    std::unique_ptr<SweepJournal> journal;
    std::vector<CaseRecord> kept; //!< finished before (journal, or the previous result file)
    std::vector<std::size_t> pending;
};

Prepared prepare(const SweepOptions& o, int threads) {
    Prepared p;
    p.sweep = readSweep(o.sweepPath);
    p.shard = parseShard(o.shard);
    // Every case's scenario is read now, on the sweep's threads: a bad level stops the sweep
    // before anything runs.
    checkSweepCases(p.sweep, threads);
    if (o.check) {
        return p;
    }
    p.output = o.output.empty() ? std::filesystem::path("results") /
                                      (p.shard.enabled() ? fmt::format("{}.shard-{}-of-{}.h5",
                                                                       outputFileStem(p.sweep.name),
                                                                       p.shard.index, p.shard.count)
                                                         : outputFileStem(p.sweep.name) + ".h5")
                                : std::filesystem::path(o.output);
    // The output policy of every command (solver/output/OutputPath.h): regular files, never an
    // input, one writer each.
    const std::vector<std::filesystem::path> inputs = {o.sweepPath, p.sweep.base->displayName()};
    for (const std::filesystem::path& out : {p.output, csvPathFor(p.output)}) {
        checkOutputPath(out, inputs);
    }
    checkDistinctOutputs({p.output, csvPathFor(p.output)});
    p.locks.push_back(std::make_unique<OutputLock>(p.output));
    p.locks.push_back(std::make_unique<OutputLock>(csvPathFor(p.output)));
    p.journal =
        std::make_unique<SweepJournal>(journalPathFor(p.output), p.sweep.fingerprint, o.resume);
    std::map<std::size_t, CaseRecord> kept;
    if (o.resume && std::filesystem::exists(p.output) && isSweepFile(p.output)) {
        auto [header, records] = readSweepFile(p.output);
        if (header.fingerprint == p.sweep.fingerprint) {
            for (CaseRecord& r : records) {
                kept.emplace(r.index, std::move(r));
            }
        }
    }
    for (const CaseRecord& r : p.journal->loaded()) {
        kept.emplace(r.index, r);
    }
    for (std::size_t i = p.shard.index; i < p.sweep.cases.size(); i += p.shard.count) {
        if (!kept.count(i)) {
            p.pending.push_back(i);
        }
    }
    for (auto& [index, record] : kept) {
        if (index % p.shard.count == p.shard.index) {
            p.kept.push_back(std::move(record));
        }
    }
    return p;
}

int runSweep(const SweepOptions& o) {
    const bool mpi = launchedByMpi();
    MpiSession session(mpi && !o.check);
    interrupted.store(false);
    auto previousInt = std::signal(SIGINT, onSweepInterrupt);
    auto previousTerm = std::signal(SIGTERM, onSweepInterrupt);
    struct RestoreSignals {
        void (*i)(int);
        void (*t)(int);
        ~RestoreSignals() {
            std::signal(SIGINT, i);
            std::signal(SIGTERM, t);
        }
    } restore{previousInt, previousTerm};
    const int threads = o.threads > 0 ? o.threads : (session.enabled() ? 1 : omp_get_max_threads());

    if (session.rank() > 0) {
        // A worker rank: reads the same sweep, then runs what rank 0 hands out.
        int status = 0;
        std::string message;
        std::unique_ptr<SweepDefinition> sweep;
        try {
            sweep = std::make_unique<SweepDefinition>(readSweep(o.sweepPath));
        } catch (const InputError& e) {
            status = 2;
            message = e.what();
        } catch (const std::exception& e) {
            status = 1;
            message = e.what();
        }
        const auto [root, worst] = session.agree(status);
        if (status != 0 && root == 0) {
            fmt::print(stderr, "heatnet sweep: MPI rank {}: {}\n", session.rank(), message);
        }
        if (worst != 0) {
            return status != 0 ? status : root;
        }
        workForRankZero(*sweep, interrupted);
        return 0;
    }

    Prepared p;
    try {
        p = prepare(o, threads);
    } catch (const InputError&) {
        session.agree(2);
        throw;
    } catch (...) {
        session.agree(1);
        throw;
    }
    if (session.agree(0).second != 0) {
        return 1;
    }
    if (o.check) {
        fmt::print("{}: ok — {} cases of base '{}'\n", o.sweepPath, p.sweep.cases.size(),
                   p.sweep.base->displayName());
        return 0;
    }
    if (!o.quiet && !p.kept.empty()) {
        fmt::print("heatnet sweep: resuming: {} cases finished before, {} to run\n", p.kept.size(),
                   p.pending.size());
    }
    const auto start = std::chrono::steady_clock::now();
    SweepRunState state(p.sweep, *p.journal, std::move(p.pending), interrupted);
    if (session.enabled() && session.size() > 1) {
        state.runLocal(threads, [&] { serveWorkers(state, session.size() - 1); });
    } else {
        state.runLocal(threads);
    }
    state.finishProgress();
    state.rethrowIfFailed();
    std::vector<CaseRecord> records = state.takeFinished();
    const std::size_t ran = records.size();
    if (interrupted.load()) {
        fmt::print(stderr,
                   "heatnet sweep: interrupted; {} finished cases are kept in '{}': run the same "
                   "command with --resume to finish\n",
                   ran + p.kept.size(), p.journal->path().string());
        return 130; // as every interrupted heatnet command
    }
    for (CaseRecord& r : p.kept) {
        records.push_back(std::move(r));
    }
    const SweepHeader header = sweepHeader(p.sweep, p.shard.text());
    writeSweepFile(p.output, header, records);
    p.journal->remove();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!o.quiet) {
        fmt::print("heatnet sweep: {} cases run in {:.1f} s ({} thread{}{})\n", ran, wall, threads,
                   threads == 1 ? "" : "s",
                   session.enabled() ? fmt::format(" × {} MPI ranks", session.size()) : "");
        const auto [h, sorted] = readSweepFile(p.output);
        printSweepSummary(stdout, h, sorted);
        fmt::print("results: {} and {}\n", p.output.string(), csvPathFor(p.output).string());
    }
    return 0;
}

//! Merges the shards; the outputs are checked and locked by the caller.
int mergeSweeps(const std::vector<std::string>& inputs, const std::string& output, bool quiet,
                ReadWatch& watch) {
    SweepHeader header;
    std::map<std::size_t, CaseRecord> cases;
    for (const std::string& input : inputs) {
        auto [h, records] = watch.reading(input, [&] { return readSweepFile(input); });
        if (header.fingerprint.empty()) {
            header = h;
        } else if (h.fingerprint != header.fingerprint) {
            throw InputError(fmt::format(
                "heatnet sweep merge: '{}' comes from another sweep than '{}' (sweep '{}' vs "
                "'{}', or a changed sweep or base file)",
                input, inputs.front(), h.name, header.name));
        }
        for (CaseRecord& r : records) {
            cases.emplace(r.index, std::move(r));
        }
    }
    header.shard.clear();
    std::vector<CaseRecord> records;
    for (auto& [index, record] : cases) {
        records.push_back(std::move(record));
    }
    std::vector<std::size_t> missing;
    for (std::size_t i = 0, k = 0; i < header.caseCount; ++i) {
        if (k < records.size() && records[k].index == i) {
            ++k;
        } else {
            missing.push_back(i);
        }
    }
    writeSweepFile(output, header, records);
    if (!missing.empty()) {
        fmt::print(stderr,
                   "heatnet sweep merge: warning: {} of {} cases are missing (first: case {}); "
                   "run the missing shards and merge again\n",
                   missing.size(), header.caseCount, missing.front());
    }
    if (!quiet) {
        const auto [h, sorted] = readSweepFile(output);
        printSweepSummary(stdout, h, sorted);
        fmt::print("results: {} and {}\n", output, csvPathFor(output).string());
    }
    return 0;
}

} // namespace

void addSweepCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "sweep", "Run a design sweep (many variants of a scenario) on OpenMP threads, MPI ranks "
                 "(under mpirun) or Slurm array shards; see docs/sweeps.md");
    auto o = std::make_shared<SweepOptions>();
    command->add_option("sweep", o->sweepPath, "sweep file (YAML)");
    command->add_option("-o,--output", o->output,
                        "result file (default: results/<sweep name>.h5); a CSV summary goes "
                        "beside it");
    // Cases run at once in this process; under mpirun one per rank unless --threads is given.
    auto threads = std::make_shared<int>(0);
    addThreadsOption(*command, threads);
    command->add_flag("--resume", o->resume,
                      "finish an interrupted sweep: run only the cases its journal lacks");
    command->add_option("--shard", o->shard,
                        "run only cases i, i+N, i+2N, ... (i/N, 0 ≤ i < N); merge the shards "
                        "with `heatnet sweep merge`");
    command->add_flag("--check", o->check, "read and validate every case, run nothing");
    command->add_flag("-q,--quiet", o->quiet, "print nothing but errors");

    auto* merge = command->add_subcommand(
        "merge", "Merge the result files of a sweep's shards into one file");
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto mergeOutput = std::make_shared<std::string>();
    auto mergeQuiet = std::make_shared<bool>(false);
    merge->add_option("shards", *inputs, "shard result files (HDF5)")->required();
    merge->add_option("-o,--output", *mergeOutput, "merged result file")->required();
    merge->add_flag("-q,--quiet", *mergeQuiet, "print nothing but errors and warnings");
    merge->callback([=, &exitCode] {
        exitCode = guarded("sweep merge", [&] {
            const std::vector<std::filesystem::path> inputPaths(inputs->begin(), inputs->end());
            checkOutputPath(*mergeOutput, inputPaths);
            checkOutputPath(csvPathFor(*mergeOutput), inputPaths);
            const OutputLock lock(*mergeOutput), csvLock(csvPathFor(*mergeOutput));
            // The work in a child process: a shard file that crashes the HDF5 library becomes a
            // message; the locks stay this process's, released even then.
            return runIsolated("sweep merge", [&](ReadWatch& watch) {
                return mergeSweeps(*inputs, *mergeOutput, *mergeQuiet, watch);
            });
        });
    });
    command->callback([=, &exitCode] {
        if (merge->parsed()) {
            return;
        }
        exitCode = guarded("sweep", [&] {
            if (o->sweepPath.empty()) {
                throw InputError("heatnet sweep: give a sweep file (or `heatnet sweep merge`)");
            }
            o->threads = *threads;
            return runSweep(*o);
        });
    });
}

} // namespace heatnet::cli
