// Sizes in specs ("4GiB", "512M", "20G"): binary units only, as QEMU and qemu-img read them.

const UNITS: Record<string, number> = { B: 1, K: 1024, KiB: 1024, M: 1024 ** 2, MiB: 1024 ** 2, G: 1024 ** 3, GiB: 1024 ** 3, T: 1024 ** 4, TiB: 1024 ** 4 };
/** The Size pattern of spec/types.ts (TSDoc cannot import it; the schema test checks they agree). */
export const SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?(B|K|KiB|M|MiB|G|GiB|T|TiB)$";
const SIZE = /^([0-9]+(?:\.[0-9]+)?)(B|K|KiB|M|MiB|G|GiB|T|TiB)$/;

/** Bytes of a size, or undefined when it does not parse or is not a whole number of bytes. */
export function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const bytes = Number(m[1]) * UNITS[m[2]];
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** A byte count in the largest unit that divides it exactly, as QEMU writes it: "4G", "1536M", "512". */
export function formatSize(bytes: number): string {
  for (const [suffix, unit] of [["T", 1024 ** 4], ["G", 1024 ** 3], ["M", 1024 ** 2], ["K", 1024]] as const) {
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
