// The bootindex of each bootable device: its own `bootindex`, else its place in `boot.order`.
import type { VmSpec } from "../spec/types.js";

export function bootIndex(spec: VmSpec, name: string, own: number | undefined): number | undefined {
  if (own !== undefined) return own;
  const i = spec.boot?.order?.indexOf(name) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}
