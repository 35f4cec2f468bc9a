// Builds a tiny bootable arm64 guest from Debian packages: the distribution kernel and an
// initramfs holding only busybox-static and an /init that prints a marker and powers off.
// Packages are fetched with `apt-get download` against a private arm64 package list, so the
// system's apt set-up is never changed; results are cached under test/.cache.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

export const BOOT_MARKER = "VMSPEC-BOOT-OK";
const CACHE = join(ROOT, "test/.cache/arm64-guest");

function apt(tool: string, args: string[]): string {
  const opts = [
    `Dir::State::Lists=${CACHE}/lists`,
    `Dir::Cache=${CACHE}/cache`,
    "APT::Architecture=arm64",
    "APT::Architectures::=arm64",
    "Dir::State::status=/dev/null",
    "Debug::NoLocking=1",
    "APT::Sandbox::User=root",
  ].flatMap((o) => ["-o", o]);
  return execFileSync(tool, [...opts, ...args], { cwd: CACHE, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** One file from a .deb, by its path inside the package. */
function extract(deb: string, member: string): Buffer {
  const tar = execFileSync("dpkg-deb", ["--fsys-tarfile", deb], { maxBuffer: 1 << 30 });
  return execFileSync("tar", ["-xO", "-f", "-", member], { input: tar, maxBuffer: 1 << 30 });
}

/** A cpio "newc" archive, the format the kernel unpacks as initramfs. */
function cpio(entries: { name: string; mode: number; data?: Buffer; rdev?: [number, number] }[]): Buffer {
  const parts: Buffer[] = [];
  const pad = (n: number) => Buffer.alloc((4 - (n % 4)) % 4);
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  let ino = 1;
  for (const e of [...entries, { name: "TRAILER!!!", mode: 0 }] as typeof entries) {
    const data = e.data ?? Buffer.alloc(0);
    const name = Buffer.from(e.name + "\0");
    const header =
      "070701" + [ino++, e.mode, 0, 0, 1, 0, data.length, 0, 0, e.rdev?.[0] ?? 0, e.rdev?.[1] ?? 0, name.length, 0].map(hex).join("");
    parts.push(Buffer.from(header), name, pad(110 + name.length), data, pad(data.length));
  }
  return Buffer.concat(parts);
}

/** Paths of the kernel and initramfs, built once and cached. */
export function arm64Guest(): { kernel: string; initrd: string } {
  const kernel = join(CACHE, "vmlinuz");
  const initrd = join(CACHE, "initrd.cpio");
  if (existsSync(kernel) && existsSync(initrd)) return { kernel, initrd };
  for (const d of ["lists/partial", "cache/archives/partial"]) mkdirSync(join(CACHE, d), { recursive: true });
  apt("apt-get", ["-qq", "update"]);
  const image = /Depends: (linux-image-[^\s]+-arm64)/.exec(apt("apt-cache", ["depends", "linux-image-arm64"]))?.[1];
  if (!image) throw new Error("cannot find Debian's arm64 kernel package");
  apt("apt-get", ["-qq", "download", `${image}:arm64`, "busybox-static:arm64"]);
  const debs = readdirSync(CACHE).filter((f) => f.endsWith(".deb"));
  const kdeb = join(
    CACHE,
    debs.find((f) => f.startsWith("linux-image-"))!,
  );
  const bdeb = join(
    CACHE,
    debs.find((f) => f.startsWith("busybox-static"))!,
  );
  const version = image.replace(/^linux-image-/, "");
  writeFileSync(kernel, extract(kdeb, `./boot/vmlinuz-${version}`));
  const init = `#!/bin/busybox sh\n/bin/busybox echo ${BOOT_MARKER}\n/bin/busybox poweroff -f\n`;
  writeFileSync(
    initrd,
    cpio([
      { name: "bin", mode: 0o40755 },
      { name: "dev", mode: 0o40755 },
      { name: "dev/console", mode: 0o20600, rdev: [5, 1] },
      { name: "bin/busybox", mode: 0o100755, data: extract(bdeb, "./bin/busybox") },
      { name: "init", mode: 0o100755, data: Buffer.from(init) },
    ]),
  );
  return { kernel, initrd };
}

export function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
