#!/usr/bin/env bash
# Spark's resource discovery script for GPUs (spark.executor.resource.gpu.discoveryScript):
# prints {"name": "gpu", "addresses": ["0", "1", ...]}, the indices nvidia-smi lists, or
# those in CUDA_VISIBLE_DEVICES when a container runtime has already chosen them.
set -euo pipefail
if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then
  indices=$(tr ',' '\n' <<<"$CUDA_VISIBLE_DEVICES")
else
  indices=$(nvidia-smi --query-gpu=index --format=csv,noheader)
fi
addresses=$(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' -e 's/.*/"&"/' \
  <<<"$indices" | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
