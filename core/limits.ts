// Limits every reader shares.

/** Files larger than this are refused before parsing: a VM spec is a few kilobytes. */
export const MAX_SPEC_BYTES = 1024 * 1024;
