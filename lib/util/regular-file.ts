import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What reading a repository file gave: its bytes, or why nothing was read. */
export type RegularFileRead =
  | { kind: 'bytes'; bytes: Buffer }
  /** Not a regular file (FIFO, device, socket, folder): nothing was read from it. */
  | { kind: 'not-regular'; what: string }
  /** More than the limit: at most `limit + 1` bytes were read. `size` is what fstat said (0 for /proc-like files). */
  | { kind: 'too-large'; size: number };

/**
 * Reads a file that config or a pull request controls, without trusting it to be a regular file
 * of the size it claims. The one way the tools read such files (config, runbooks, linked documents).
 *
 * - Opened with O_NONBLOCK: opening a FIFO for reading otherwise blocks until a writer appears
 *   (validate hung on a team file that was a named pipe); O_NOCTTY so a terminal device never
 *   becomes the controlling terminal.
 * - fstat on the opened descriptor (not a stat before opening: no race with a swapped path), and
 *   anything but a regular file is refused unread (a symlink to /dev/zero reads forever).
 * - At most `limit + 1` bytes are read whatever the size says: files grow, and /proc-like files
 *   report size 0.
 *
 * Errors from open (ENOENT, EACCES, ...) are thrown as usual.
 */
export function readRegularFile(absolute: string, limit: number): RegularFileRead {
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'not-regular', what: describeFileType(stats) };
    if (stats.size > limit) return { kind: 'too-large', size: stats.size };
    // One exact-size read for the usual case; the spare byte detects a file longer than it said.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length > limit) return { kind: 'too-large', size: stats.size };
        const grown = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(buffer.length * 2, 64 * 1024)));
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return { kind: 'bytes', bytes: buffer.subarray(0, filled) };
  } finally {
    closeSync(fd);
  }
}

/** "a FIFO (named pipe)", "a character device", ...: for messages about files that are not regular. */
export function describeFileType(stats: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isSymbolicLink'>): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * readRegularFile as UTF-8 text for callers that only need "the text, or fail": a second read of
 * a file the config loader already checked, a document a runbook links to. Throws (with the
 * reason) instead of returning a kind.
 */
export function readRegularText(absolute: string, limit: number): string {
  const read = readRegularFile(absolute, limit);
  if (read.kind === 'not-regular') throw new Error(`${absolute} is ${read.what}, not a regular file`);
  if (read.kind === 'too-large') throw new Error(`${absolute} is larger than ${limit} bytes`);
  return read.bytes.toString('utf8');
}
