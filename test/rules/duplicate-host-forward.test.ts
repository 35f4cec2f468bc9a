// duplicate-host-forward: the same host port forwarded twice, which QEMU refuses.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { ruleTester } from "../helpers/rule-tester.js";
import { scratch } from "../helpers/workdir.js";
import rule from "../../rules/duplicate-host-forward.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}, {protocol: udp, hostPort: 2222, guestPort: 53}]}
  - {name: mgmt, type: user, forwards: [{hostPort: 2223, guestPort: 22}]}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:2222-:53 \\
  -device virtio-net-pci,netdev=n0
`,
    },
    {
      name: "passt and slirp on other ports, and a passt on another socket than the stream's",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: mgmt, type: user, backend: passt, forwards: [{hostPort: 2223, guestPort: 22}, {hostAddress: "::1", hostPort: 2222, guestPort: 22}]}
`,
    },
    {
      lint: { qemu: [7, 2] },
      argv: `passt --socket /run/a.sock -t 127.0.0.1/2222:22
passt --socket /run/unused.sock -t 127.0.0.1/2222:22
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/a.sock -device virtio-net-pci,netdev=n0
`,
    },
    {
      name: "passt's :: is IPv6 only: QEMU's 127.0.0.1 on the same port is free",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: v6, type: user, backend: passt, forwards: [{hostAddress: "::", hostPort: 2222, guestPort: 22}]}
`,
    },
  ],
  invalid: [
    {
      name: "One passt command forwarding a port twice (no address takes every address)",
      lint: { qemu: [7, 2] },
      argv: `passt --socket /run/a.sock -t 2222:22 -t 127.0.0.1/2222:80
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/a.sock -device virtio-net-pci,netdev=n0
`,
      errors: [{ messageId: "passtTaken", line: 1, column: 42, endLine: 1, endColumn: 59 }],
    },
    {
      name: "One host port from a slirp network and a passt network",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: mgmt, type: user, backend: passt, forwards: [{hostPort: 2222, guestPort: 22}]}
`,
      errors: [{ messageId: "passtTaken", line: 6, column: 57, endLine: 6, endColumn: 88 }],
    },
    {
      name: "Two passt networks, one on every address",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, backend: passt, forwards: [{hostAddress: "::", hostPort: 8080, guestPort: 80}]}
  - {name: mgmt, type: user, backend: passt, forwards: [{hostAddress: "::1", hostPort: 8080, guestPort: 80}]}
`,
      errors: [{ messageId: "passtTaken", line: 6, column: 57, endLine: 6, endColumn: 108 }],
    },
    {
      name: "A script's passt and QEMU's hostfwd on one port",
      lint: { qemu: [7, 2] },
      argv: `passt -f --socket /tmp/p.sock -t 2222:22 &
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/tmp/p.sock -device virtio-net-pci,netdev=n0 \\
  -netdev user,id=n1,hostfwd=tcp:127.0.0.1:2222-:22 -device virtio-net-pci,netdev=n1
`,
      errors: [{ messageId: "passtTaken", line: 4, column: 22, endLine: 4, endColumn: 52 }],
    },
    {
      name: "Ssh forwarded on one port from two networks",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: mgmt, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
`,
      errors: [{ messageId: "portTaken", line: 6, column: 41, endLine: 6, endColumn: 72 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:2222-:80 \\
  -device virtio-net-pci,netdev=n0
`,
      errors: [{ messageId: "portTaken", line: 2, column: 53, endLine: 2, endColumn: 83 }],
    },
    {
      name: "An empty address takes the port on every address",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:8080-:80 -device virtio-net-pci,netdev=n0 \\
  -netdev user,id=n1,hostfwd=tcp::8080-:8080 -device virtio-net-pci,netdev=n1
`,
      errors: [{ messageId: "portTaken", line: 3, column: 22, endLine: 3, endColumn: 45 }],
    },
    {
      name: "An empty protocol field is TCP, so these two clash",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=n0,hostfwd=::2222-:22,hostfwd=tcp::2222-:2222 -device virtio-net-pci,netdev=n0
`,
      errors: [{ messageId: "portTaken", line: 2, column: 41, endLine: 2, endColumn: 64 }],
    },
  ],
});

// What the rule assumes of passt's sockets, on the real passt (Debian 12's): `::` is bound
// IPv6-only (127.0.0.1 on that port stays free), no address binds every address (it does not).
describe("passt's real bindings", () => {
  const bindsV4 = (port: number) =>
    new Promise<boolean>((done) => {
      const srv = createServer();
      srv.once("error", () => done(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => done(true)));
    });
  it.each([
    ["::", true],
    ["", false],
  ])("passt -t %j/port: 127.0.0.1 on that port is free: %s", async (address, free) => {
    const dir = scratch();
    const run = `${dir}/run`;
    mkdirSync(run);
    if (process.getuid?.() === 0) {
      // passt refuses to stay root: it runs as nobody, who must reach and write the folder.
      chmodSync(dir, 0o711);
      chownSync(run, 65534, 65534);
    }
    const port = address === "" ? 22396 : 22397;
    execFileSync("passt", ["--socket", `${run}/p.sock`, "--pid", `${run}/p.pid`, "-t", `${address ? `${address}/` : ""}${port}:22`], {
      stdio: "ignore",
    });
    const pid = Number(readFileSync(`${run}/p.pid`, "utf8"));
    try {
      expect(await bindsV4(port)).toBe(free);
    } finally {
      process.kill(pid);
    }
  });
});
