#!/usr/bin/env bash
# Installs the real tools lmac's tests run against (Debian packages):
#   reclass                 the Reclass 1.7 peer (inventory conformance, benchmarks)
#   python3-yaml            PyYAML, the reference for YAML 1.1 loading
#   prometheus              promtool (rule files, unit tests, config)
#   prometheus-alertmanager amtool (alertmanager.yml, routes), and Alertmanager itself
#   etcd-server containerd  etcd and containerd, run on loopback with Prometheus and
#                           Alertmanager to check the exporter catalogue against their
#                           /metrics (test/collectors/exporters-live.test.ts)
#   collectd-core           collectd -T (legacy collector configs)
#   libprotobuf-c1 libmicrohttpd12 libmariadb3
#                           libraries collectd-core's write_prometheus and mysql
#                           plugins load (Recommends of collectd, not Depends)
#   influxdb                influxd 1.6 (InfluxQL panel queries)
#   luajit                  the Lua of Fluent Bit (the log collector's Lua filter)
#   nagios4-core            nagios4 -v (the Nagios objects of the optional Nagios backend)
#   kubernetes-client       kubectl kustomize (out/<cluster>/kubernetes renders), only when
#                           no kubectl is installed: a newer one (Kubernetes' or Google's
#                           repository) is kept; Debian's 1.20 renders lmac's kustomizations too
# Safe to run again; does nothing for packages already installed.
set -euo pipefail

packages=(reclass python3-yaml prometheus prometheus-alertmanager etcd-server containerd collectd-core libprotobuf-c1 libmicrohttpd12 libmariadb3 influxdb luajit nagios4-core)
command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-tools: all tools present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Packages with services must not start them here (no init system in CI).
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-tools: done"
