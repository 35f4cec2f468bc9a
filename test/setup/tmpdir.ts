// Vitest's global setup: every test run gets one temporary folder of its own, and every test
// file, every CLI and QEMU the tests start, makes its scratch folders in it (TMPDIR, which
// os.tmpdir() and mkdtemp read, is set before the test workers start). The folder is removed when
// the run ends, so test runs leave nothing in /tmp (they used to leave each scratch folder, disk
// images included: tens of GB after a few days of runs).
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  // Short on purpose: QEMU's and libvirtd's Unix sockets live below it (sun_path holds 107 bytes).
  const root = mkdtempSync(join(tmpdir(), "vt-"));
  // As /tmp is: tests drop privileges (passt --runas, QEMU -runas) and must reach their folders.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
