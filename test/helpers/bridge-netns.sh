#!/bin/sh
# Runs a command in a private network and mount namespace that has a bridge br0 and an
# /etc/qemu/bridge.conf allowing it, so the real qemu-bridge-helper can attach a tap to it.
# Nothing on the host changes: /etc is overlaid only inside the namespace.
# Usage (as root): unshare --net --mount sh bridge-netns.sh <scratch-dir> <command...>
set -e
scratch=$1
shift
mkdir -p "$scratch/upper" "$scratch/work"
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$scratch/upper,workdir=$scratch/work" /etc
mkdir -p /etc/qemu
echo "allow br0" > /etc/qemu/bridge.conf
ip link add br0 type bridge
ip link set br0 up
exec "$@"
