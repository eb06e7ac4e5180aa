// heatnet's errors turned into messages and exit codes: the one place that decides them.
#include "solver/Error.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <exception>

namespace heatnet::cli {

int guarded(const char* command, const std::function<int()>& body) {
    try {
        return body();
    } catch (const InputError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 2;
    } catch (const Interrupted& e) {
        fmt::print(stderr, "heatnet {}: {}\n", command, e.what());
        return 130;
    } catch (const Error& e) {
        fmt::print(stderr, "heatnet {}: error: {}\n", command, e.what());
        return 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "heatnet {}: internal error: {}\n", command, e.what());
        return 1;
    }
}

} // namespace heatnet::cli
