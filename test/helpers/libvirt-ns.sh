#!/bin/sh
# Runs a private libvirtd (and its virtlogd) for tests, as root without systemd, in its own mount
# and network namespace, so nothing on the host changes and two test files never share a daemon:
# /etc is overlaid (the libvirt-qemu user and kvm group Debian's build expects are added there, and
# a qemu.conf for running as root without cgroups, namespaces or a security driver), libvirt's
# run, state, log and cache folders are fresh tmpfs, and the network namespace has a bridge br0
# and a tap tap0.
# Usage (as root): unshare --mount --net sh libvirt-ns.sh <scratch-dir>
# The daemon's sockets are <scratch-dir>/sock/libvirt-sock*; virtlogd's pid is <scratch-dir>/virtlogd.pid.
set -e
d=$1
mount --make-rprivate /
mkdir -p "$d/upper" "$d/work" "$d/sock"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/upper,workdir=$d/work" /etc
for g in kvm libvirt-qemu; do getent group "$g" >/dev/null || groupadd --system "$g"; done
getent passwd libvirt-qemu >/dev/null || useradd --system --no-create-home --gid libvirt-qemu libvirt-qemu
mkdir -p /etc/libvirt
cat > /etc/libvirt/qemu.conf <<'CONF'
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
namespaces = [ ]
cgroup_controllers = [ ]
CONF
cat > "$d/libvirtd.conf" <<CONF
unix_sock_dir = "$d/sock"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
for p in /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt; do
  mkdir -p "$p"
  mount -t tmpfs tmpfs "$p"
done
ip link set lo up
ip link add br0 type bridge
ip link set br0 up
# An address besides loopback: getaddrinfo (AI_ADDRCONFIG, as SPICE calls it) finds no IPv4 otherwise.
ip addr add 192.0.2.1/24 dev br0
# An existing multi-queue tap, for a spec's `type: tap` with `ifname: tap0` (libvirt: managed="no").
ip tuntap add dev tap0 mode tap multi_queue
virtlogd -d -p "$d/virtlogd.pid"
exec libvirtd -f "$d/libvirtd.conf" -p "$d/libvirtd.pid"
