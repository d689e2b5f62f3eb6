// Fault injection for spawned CLI processes: `node --import <this file> bin/claimkb.js build …` with
// CLAIMKB_FAULT=ENOSPC (a full disk: writes of more than 1 KiB under CLAIMKB_FAULT_DIR write part of
// their data, then fail) or CLAIMKB_FAULT=EROFS (a read-only file system: every change under
// CLAIMKB_FAULT_DIR fails; creating a folder that exists succeeds, as it does there). It patches
// node:fs/promises and updates the ES module bindings, so claimkb's own code runs unchanged.
// Tests need it because root ignores permissions, and a small full file system needs privileges.
import { existsSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const fsp = require('node:fs/promises');
const fault = process.env.CLAIMKB_FAULT;
const dir = process.env.CLAIMKB_FAULT_DIR;
const ERRNO = { ENOSPC: [-28, 'no space left on device'], EROFS: [-30, 'read-only file system'] };

const under = (p) => typeof p === 'string' && dir !== undefined && p.startsWith(dir);
const failure = (syscall, p) => {
  const [errno, text] = ERRNO[fault];
  return Object.assign(new Error(`${fault}: ${text}, ${syscall} '${p}'`), { errno, code: fault, syscall, path: p });
};
const writes = (flags) => typeof flags === 'string' && /[wa+]/.test(flags);

if (fault === 'EROFS') {
  for (const name of ['writeFile', 'appendFile', 'rename', 'rm', 'unlink', 'link', 'rmdir', 'copyFile']) {
    const original = fsp[name];
    fsp[name] = async (p, ...rest) => {
      if (under(p)) throw failure(name, p);
      return original(p, ...rest);
    };
  }
  const { mkdir, open } = fsp;
  fsp.mkdir = async (p, ...rest) => (under(p) && !existsSync(p) ? Promise.reject(failure('mkdir', p)) : mkdir(p, ...rest));
  fsp.open = async (p, flags, ...rest) => (under(p) && writes(flags) ? Promise.reject(failure('open', p)) : open(p, flags, ...rest));
} else if (fault === 'ENOSPC') {
  const { open, writeFile } = fsp;
  fsp.open = async (p, flags, ...rest) => {
    const handle = await open(p, flags, ...rest);
    if (!under(p) || !writes(flags)) return handle;
    const write = handle.writeFile.bind(handle);
    handle.writeFile = async (data, options) => {
      if (String(data).length <= 1024) return write(data, options);
      await write(String(data).slice(0, 1024), options);
      throw failure('write', p);
    };
    return handle;
  };
  fsp.writeFile = async (p, data, ...rest) => {
    if (!under(p) || String(data).length <= 1024) return writeFile(p, data, ...rest);
    await writeFile(p, String(data).slice(0, 1024), ...rest);
    throw failure('write', p);
  };
}
syncBuiltinESMExports();
