# Sourced by bin/brainalign: has_native_blas succeeds when the dynamic linker knows a system BLAS
# (libblas.so.3 or OpenBLAS) that netlib-java will load. It reads ldconfig's whole list before
# matching: `ldconfig -p | grep -q …` under `set -o pipefail` failed at random, whenever grep exited
# at its first match and ldconfig died of SIGPIPE before writing the rest.
has_native_blas() {
  local libs
  libs="$(ldconfig -p 2>/dev/null)" || libs=""
  [[ $libs =~ libblas\.so\.3|libopenblas ]]
}
