#include "tools/cli/PdfPrinter.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace heatnet::cli {

namespace {

//! Runs `args` (args[0] the executable) with its output discarded; returns its exit status.
int runQuietly(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw Error("cannot start a process for Chromium (fork failed)");
    }
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

void printToPdf(const std::filesystem::path& html, const std::filesystem::path& pdf) {
    namespace fs = std::filesystem;
    const char* custom = std::getenv("HEATNET_CHROMIUM");
    const std::string chromium = custom && *custom ? custom : "/usr/bin/chromium";
    if (::access(chromium.c_str(), X_OK) != 0) {
        throw Error(fmt::format("--pdf needs Chromium ('{}' not found): run tools/install-deps.sh",
                                chromium));
    }
    const fs::path temp = pdf.string() + fmt::format(".tmp-{}.pdf", ::getpid());
    const fs::path profile =
        fs::temp_directory_path() / fmt::format("heatnet-chromium-{}", ::getpid());
    const int status =
        runQuietly({chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.string(),
                    "--no-pdf-header-footer", "--virtual-time-budget=20000",
                    "--print-to-pdf=" + temp.string(), "file://" + fs::absolute(html).string()});
    std::error_code ignored;
    fs::remove_all(profile, ignored);
    if (status != 0 || !fs::exists(temp) || fs::file_size(temp, ignored) == 0) {
        fs::remove(temp, ignored);
        throw Error(fmt::format("Chromium could not print '{}' to PDF (exit status {})",
                                html.string(), status));
    }
    std::error_code ec;
    fs::rename(temp, pdf, ec);
    if (ec) {
        fs::remove(temp, ignored);
        throw OutputError(fmt::format("cannot rename '{}' to '{}': {}", temp.string(), pdf.string(),
                                      ec.message()));
    }
}

} // namespace heatnet::cli
