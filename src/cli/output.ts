/**
 * presign-audit's own stdout and stderr. `process.stdout` is made on first use, and making it for
 * a pipe or a file loads Node's stream and net modules (28 of them on Node 20): about a tenth of a
 * small run's time, for a report written once at the end. So a report is written to the file
 * descriptor directly, and a terminal is asked for only where it can be one.
 */
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

type Descriptor = 1 | 2;

/** Whether the descriptor is a terminal. Only a character device may be one; `node:tty` loads only then. */
export function isTerminal(fd: Descriptor): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/**
 * A writer to the descriptor: synchronous, so output is complete when the process exits. A reader
 * that went away (`presign-audit | head`) ends the writing quietly. A descriptor its owner made
 * non-blocking answers EAGAIN when full: from then on the rest goes through Node's stream, in order.
 */
export function descriptorWriter(fd: Descriptor): (text: string) => void {
  let stream: NodeJS.WriteStream | null = null;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (stream) {
      stream.write(text);
      return;
    }
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw error;
        stream = fd === 1 ? process.stdout : process.stderr;
        stream.write(bytes.subarray(written));
        return;
      }
    }
  };
}
