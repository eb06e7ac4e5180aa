#pragma once
// The one error family of heatnet. Library code throws these and never prints or exits; only the
// command line (tools/cli) turns them into messages and exit codes.
#include <stdexcept>
#include <string>

namespace heatnet {

//! Base of every error heatnet raises on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! The user's input is wrong (scenario, CSV, options). The message already names file, line,
//! column and key where there is one. The command line exits with code 2.
class InputError : public Error {
public:
    using Error::Error;
};

//! The numerical solution failed (CVODE, hydraulics Newton). Exit code 1.
class SolverError : public Error {
public:
    using Error::Error;
};

//! Writing or reading a result file failed. Exit code 1.
class OutputError : public Error {
public:
    using Error::Error;
};

//! The run was stopped by a signal (SIGINT, SIGTERM, SIGHUP). The command line exits with 130,
//! the shell's code for an interrupted command.
class Interrupted : public Error {
public:
    using Error::Error;
};

} // namespace heatnet
