// `vmspec build --format argv` cannot write an argument holding a newline: the error is at the
// field that holds it (kernel.append's line), not at 1:1 as a user found.
import { describe, expect, it } from "vitest";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";

function errorsOf(yaml: string) {
  const r = buildSpec(new TextEncoder().encode(yaml), { format: "argv", baseDir: "/vms" });
  expect(r.output).toBeUndefined();
  return locate(r.text, r.findings).filter((f) => f.ruleId === "output-format");
}

describe("argv output: a newline in an argument", () => {
  it("kernel.append (a raw option): at its line", () => {
    const [f] = errorsOf(
      'name: k\nmemory: {size: 1GiB}\nrunAs: qemu\nkernel:\n  path: /boot/Image\n  append: "console=ttyAMA0\\nroot=/dev/vda2"\n',
    );
    expect(f).toMatchObject({ line: 6, column: 11 });
    expect(f.message).toContain("the argv format cannot hold an argument with a newline");
  });
  it("a property value (smbios.product): at the field that made the option (smbios)", () => {
    const [f] = errorsOf('name: k\nmemory: {size: 1GiB}\nrunAs: qemu\nsmbios:\n  manufacturer: ACME\n  product: "Box\\n2"\n');
    expect(f).toMatchObject({ line: 4, column: 1 });
  });
});
