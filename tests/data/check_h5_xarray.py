#!/usr/bin/python3
"""Checks that a file written by heatnet's Hdf5Writer opens as users will open it.

Usage: check_h5_xarray.py FILE

FILE must hold a group `pipes` (time x pipe series, a `pipe` label axis) and a group `network`
(time-only series). Checked with h5py, with xarray through h5netcdf and, where netCDF4 is
installed, with xarray through netCDF-C. Prints what falls short and exits 1; exits 0 when all
is well.
"""
import sys

import h5py
import numpy as np
import xarray as xr

path = sys.argv[1]
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


# --- h5py: the raw layout -------------------------------------------------------------------
def check_h5py():
    with h5py.File(path, "r") as f:
        for group in ("pipes", "network"):
            expect(group in f, f"h5py: no group '{group}'")
        if "pipes" in f and "network" in f:
            for group in ("pipes", "network"):
                time = f[group]["time"]
                expect(time.attrs.get("CLASS") == b"DIMENSION_SCALE",
                       f"h5py: {group}/time is not a dimension scale")
                expect(time.maxshape == (None,), f"h5py: {group}/time is not extendible")
                units = time.attrs.get("units")
                expect(isinstance(units, str) and units.startswith("hours since "),
                       f"h5py: {group}/time units {units!r} are not a str 'hours since ...'")
            labels = f["pipes/pipe"]
            expect(labels.attrs.get("CLASS") == b"DIMENSION_SCALE",
                   "h5py: pipes/pipe is not a dimension scale")
            expect(h5py.check_string_dtype(labels.dtype) is not None,
                   "h5py: pipes/pipe is not a string dataset")
            expect(all(isinstance(s, str) for s in labels.asstr()[()]),
                   "h5py: pipes/pipe labels do not read as str")
            series = [n for n, o in f["pipes"].items()
                      if isinstance(o, h5py.Dataset) and o.ndim == 2]
            expect(series, "h5py: no 2-D series in pipes")
            for name in series:
                d = f["pipes"][name]
                expect(d.dtype == np.float64, f"h5py: pipes/{name} is not float64")
                expect(d.chunks is not None and d.compression == "gzip" and d.shuffle,
                       f"h5py: pipes/{name} is not chunked, shuffled and deflated")
                expect(d.maxshape[0] is None, f"h5py: pipes/{name} is not extendible along time")
                expect([dim[0].name for dim in d.dims] == ["/pipes/time", "/pipes/pipe"],
                       f"h5py: pipes/{name} scales are {[list(dim) for dim in d.dims]}")
                expect(isinstance(d.attrs.get("units"), str),
                       f"h5py: pipes/{name} has no str units")


try:
    check_h5py()
except Exception as error:  # a missing object is a finding, not a crash
    problems.append(f"h5py: {type(error).__name__}: {error}")


# --- xarray through h5netcdf (and netCDF-C where available) ----------------------------------
def check_xarray(engine):
    pipes = xr.open_dataset(path, group="pipes", engine=engine)
    try:
        expect(np.issubdtype(pipes["time"].dtype, np.datetime64),
               f"{engine}: pipes time decodes to {pipes['time'].dtype}, not datetime64")
        expect("pipe" in pipes.coords, f"{engine}: no 'pipe' coordinate in pipes")
        if "pipe" in pipes.coords:
            labels = pipes["pipe"].values.tolist()
            expect(labels and all(isinstance(s, str) for s in labels),
                   f"{engine}: pipe labels are {labels!r}, not str")
        two_d = [v for v in pipes.data_vars if pipes[v].ndim == 2]
        expect(two_d, f"{engine}: no 2-D data variable in pipes")
        for name in two_d:
            var = pipes[name]
            expect(var.dims == ("time", "pipe"), f"{engine}: pipes/{name} dims are {var.dims}")
            expect(isinstance(var.attrs.get("units"), str),
                   f"{engine}: pipes/{name} lost its units attribute")
            expect(isinstance(var.attrs.get("long_name"), str),
                   f"{engine}: pipes/{name} lost its long_name attribute")
            values = var.values
            expect(values.dtype == np.float64 and values.shape[0] == pipes.sizes["time"],
                   f"{engine}: pipes/{name} has shape {values.shape}")
    finally:
        pipes.close()

    network = xr.open_dataset(path, group="network", engine=engine)
    try:
        expect(np.issubdtype(network["time"].dtype, np.datetime64),
               f"{engine}: network time is not datetime64")
        expect(len(network.data_vars) > 0, f"{engine}: no data variable in network")
        for name in network.data_vars:
            var = network[name]
            if var.ndim >= 1:
                expect(var.dims == ("time",), f"{engine}: network/{name} dims are {var.dims}")
            expect(isinstance(var.attrs.get("units"), str),
                   f"{engine}: network/{name} lost its units attribute")
    finally:
        network.close()

    xr.open_dataset(path, engine=engine).close()


engines = ["h5netcdf"]
try:
    import netCDF4  # noqa: F401

    engines.append("netcdf4")
except ImportError:
    pass
for engine in engines:
    try:
        check_xarray(engine)
    except Exception as error:  # report and go on with the other engine
        problems.append(f"{engine}: {type(error).__name__}: {error}")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok: h5py and xarray ({', '.join(engines)}) open {path}")
