#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs the real QEMU and the other Debian
# packages the tests use when they are missing, installs the npm packages, type-checks, runs every
# test, and ends with one plain line "N passed, N failed". CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, each with a file that shows it is installed.
declare -A NEED=(
  [/usr/bin/qemu-system-aarch64]=qemu-system-arm
  [/usr/bin/qemu-img]=qemu-utils
  [/usr/share/AAVMF/AAVMF_CODE.fd]=qemu-efi-aarch64
  [/usr/lib/ipxe/qemu/efi-virtio.rom]=ipxe-qemu
  [/usr/sbin/ip]=iproute2
  [/usr/bin/unshare]=util-linux
  [/usr/bin/xmllint]=libxml2-utils
  [/usr/bin/script]=bsdutils
  [/usr/bin/chromium]=chromium
  [/usr/sbin/libvirtd]=libvirt-daemon
  [/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so]=libvirt-daemon-driver-qemu
  [/usr/bin/virsh]=libvirt-clients
  [/usr/bin/virt-xml-validate]=libvirt-clients
  [/usr/sbin/useradd]=passwd
  [/usr/bin/swtpm]=swtpm
  [/usr/bin/swtpm_setup]=swtpm-tools
  [/usr/bin/passt]=passt
)
missing=()
for f in "${!NEED[@]}"; do [ -e "$f" ] || missing+=("${NEED[$f]}"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run lint
npm run build

report=$(mktemp)
status=0
npx vitest run --testTimeout=120000 --hookTimeout=300000 --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0 || skipped > 0) process.exit(1);
' "$report" || status=1
rm -f "$report"
exit $status
