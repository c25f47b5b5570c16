#!/usr/bin/env bash
# Builds the JNI shim against Debian's libmujoco and our fused kernels (optimiser, PPO gradients),
# and copies libmujoco and the four libraries it needs next to them, under
# target/classes/native/linux-x86_64 with load-order.txt naming them all, so the jar carries its
# natives.
# Called by Maven (exec plugin, process-classes) with: <target dir> <java.home>.
set -euo pipefail
target=$1
java_home=$2
source_dir=$(cd "$(dirname "$0")" && pwd)
out="$target/classes/native/linux-x86_64"
system_libs=/usr/lib/x86_64-linux-gnu

if [ ! -f /usr/include/mujoco/mujoco.h ] || [ ! -f "$system_libs/libmujoco.so.2.2.2" ]; then
  echo "MuJoCo 2.2.2 is not installed. Install it with: sudo apt-get install libmujoco-dev" \
    "(bin/test and bin/diffsweep do this for you)." >&2
  exit 1
fi

mkdir -p "$out"
shim="$out/libdiffsweep_mujoco.so"
if [ ! -f "$shim" ] || [ "$source_dir/mujoco_shim.c" -nt "$shim" ] \
    || [ "$target/jni-headers/dev_diffsweep_trainer_mujoco_MujocoNative.h" -nt "$shim" ]; then
  gcc -O2 -fPIC -shared -Wall -Wextra -Wno-unused-parameter -Werror \
    -I"$java_home/include" -I"$java_home/include/linux" -I"$target/jni-headers" \
    "$source_dir/mujoco_shim.c" -o "$shim" -L"$system_libs" -l:libmujoco.so.2.2.2
fi
kernels="$out/libdiffsweep_kernels.so"
kernel_sources=("$source_dir/fused_kernels.c" "$source_dir/ppo_gradients.c")
kernel_headers=("$target/jni-headers/dev_diffsweep_trainer_nn_FusedKernels.h"
  "$target/jni-headers/dev_diffsweep_trainer_agent_FusedPpoGradients.h")
stale=false
for input in "${kernel_sources[@]}" "${kernel_headers[@]}"; do
  if [ ! -f "$kernels" ] || [ "$input" -nt "$kernels" ]; then
    stale=true
  fi
done
if $stale; then
  # ppo_gradients.c compiles its AVX2 functions for AVX2 alone (target attributes); the library
  # itself stays baseline x86-64.
  gcc -O3 -ffp-contract=off -fno-math-errno -fPIC -shared -Wall -Wextra -Wno-unused-parameter -Werror \
    -I"$java_home/include" -I"$java_home/include/linux" -I"$target/jni-headers" \
    "${kernel_sources[@]}" -o "$kernels" -lm
fi
# Debian's libraries, dependencies first: loaded in this order, the dynamic linker finds each by
# its soname, already loaded.
debian_libraries=(libccd.so.2 liblodepng.so.0 libqhull_r.so.8.0 libtinyxml2.so.9 libmujoco.so.2.2.2)
for library in "${debian_libraries[@]}"; do
  cp -L -u "$system_libs/$library" "$out/$library"
done
# What NativeLibraries loads, in order: this script is the one list of the bundled libraries.
printf '%s\n' "${debian_libraries[@]}" libdiffsweep_mujoco.so libdiffsweep_kernels.so \
  > "$out/load-order.txt"
