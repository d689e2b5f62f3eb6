/**
 * Telling that a file is still the one written, without reading it: its size, modification and change
 * times and inode as recorded just after it was written. An edit in place changes the change time
 * (which cannot be set back) and a replaced file has another inode. Light: no imports.
 */

/** A file's size, times and inode, as recorded once written. */
export interface StatFingerprint {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** True when the stat `s` has the recorded size, times and inode `f` (a field not recorded never matches). */
export function sameStat(f: Partial<StatFingerprint>, s: StatFingerprint): boolean {
  return s.size === f.size && s.mtimeMs === f.mtimeMs && s.ctimeMs === f.ctimeMs && s.ino === f.ino;
}
