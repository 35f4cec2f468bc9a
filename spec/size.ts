// Sizes in specs ("4GiB", "512M", "20G", "2.1G"): binary units only, read as QEMU and qemu-img
// read them (util/cutils.c do_strtosz): the whole part times the unit, plus the fraction times
// the unit truncated to whole bytes; a fraction of a byte ("1.5B") is refused.

const UNITS: Record<string, number> = {
  B: 1,
  K: 1024,
  KiB: 1024,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  T: 1024 ** 4,
  TiB: 1024 ** 4,
};
/** The Size pattern of spec/types.ts (TSDoc cannot import it; the schema test checks they agree). */
export const SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?(B|K|KiB|M|MiB|G|GiB|T|TiB)$";
const SIZE = /^([0-9]+)(\.[0-9]+)?(B|K|KiB|M|MiB|G|GiB|T|TiB)$/;

/** QEMU rounds guest RAM up to a multiple of 8 KiB (softmmu/vl.c: QEMU_ALIGN_UP(sz, 8192)). */
export const RAM_ALIGN = 8192;
/** qemu-img creates images in whole 512-byte sectors, rounding the size up. */
export const SECTOR = 512;

/** Why a size that matches the pattern cannot be used, or undefined when it can. */
export function sizeProblem(text: string): string | undefined {
  const m = SIZE.exec(text);
  if (!m) return "it is not a size";
  if (m[2] && m[3] === "B" && Number(m[2]) !== 0) return "a size in bytes cannot have a fraction";
  return parseSize(text) === undefined ? "it is too large to be a size" : undefined;
}

/** Bytes of a size as QEMU computes them, or undefined when it does not parse or is too large. */
export function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[3]];
  const fraction = m[2] ? Number(m[2]) : 0;
  if (fraction !== 0 && unit === 1) return undefined;
  const bytes = Number(m[1]) * unit + Math.floor(fraction * unit);
  return Number.isSafeInteger(bytes) && Number.isSafeInteger(Number(m[1]) * unit) ? bytes : undefined;
}

/** `bytes` rounded up to a multiple of `align`. */
export function alignUp(bytes: number, align: number): number {
  return Math.ceil(bytes / align) * align;
}

/** A byte count in the largest unit that divides it exactly, as QEMU writes it: "4G", "1536M", "512". */
export function formatSize(bytes: number): string {
  for (const [suffix, unit] of [
    ["T", 1024 ** 4],
    ["G", 1024 ** 3],
    ["M", 1024 ** 2],
    ["K", 1024],
  ] as const) {
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
