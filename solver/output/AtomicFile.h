#pragma once
// Writes a whole file under a temporary name beside its target and renames it into place, so
// that the target path holds either the old file or the complete new one, never half of it.
#include <filesystem>
#include <string_view>

namespace heatnet {

//! Writes `content` to "<path>.tmp-<pid>" and renames it to `path`. Throws OutputError (naming
//! the path) on failure; the temporary file is removed then.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

} // namespace heatnet
