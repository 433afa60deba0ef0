/**
 * What to send a printer whose job was cut off part-way, before anything else.
 *
 * A printer that got only part of a `GS v 0` block is still waiting for the rest of its image data:
 * whatever comes next (a retry starting with ESC @, another receipt) would be eaten as image data,
 * and once the count is reached the rest of that job would be read as text — pages of garbage. So
 * before a retry the block in flight is finished: the rest of its header as the job had it, then
 * zero bytes (white dots) for the rest of its data. A feed or cut cut short is finished as written.
 *
 * When the count of bytes that arrived is not known exactly, only a range, the completion is all
 * zeros, enough for the worst case: a zero byte (NUL) outside a command is ignored by ESC/POS
 * printers, so zeros too many are harmless, while too few would leave the printer eating the next
 * job. A printer that was switched off meanwhile has forgotten the block and ignores zeros too.
 * (The one case zeros cannot mend is a cut inside a command's first bytes — ESC NUL, GS v NUL, an
 * image of size 0 — which the exact count avoids; the libusb backend always reports it.)
 */
import { DRAWER_KICK_PREFIX } from './commands.ts';
import { decodeEscPosJob } from './decode.ts';

/** How much of the job the printer took: exactly `from` bytes when `from === to`, else somewhere in [from, to]. */
export interface Delivered {
  from: number;
  to: number;
}

/** The bytes to send before anything else (empty when the job was cut at a command boundary). */
export function completionAfter(job: Uint8Array, delivered: Delivered): Uint8Array {
  const from = Math.max(0, Math.min(delivered.from, job.length));
  const to = Math.max(from, Math.min(delivered.to, job.length));
  // Only our own commands can be completed; bytes that are not (a job from elsewhere) are left alone.
  const commands = decodeEscPosJob(job).commands.filter((c) => c.kind !== 'unknown' && c.kind !== 'padding');
  const inside = (at: number) => commands.find((c) => c.offset < at && at < c.offset + c.length);

  if (from === to) {
    const command = inside(from);
    if (!command) return new Uint8Array(0); // at a command boundary, or the job was complete
    const end = command.offset + command.length;
    const completion = new Uint8Array(end - from); // zeros
    // A drawer kick cut short is finished as ESC p with zeros (the rest of its prefix, if cut inside
    // it), never with its own pulse times: a pulse of 0 ms, so a kick that failed never opens the
    // drawer later, when the printer takes data again (a kick is never retried).
    if (command.kind === 'drawer') completion.set(job.subarray(from, Math.max(from, command.offset + DRAWER_KICK_PREFIX.length)));
    else if (command.kind !== 'raster') completion.set(job.subarray(from, end));
    // The rest of a raster header as written: its size fields are what the printer counts data by.
    else if (from < command.dataOffset) completion.set(job.subarray(from, command.dataOffset));
    return completion;
  }

  // Known only within a range: zeros from the lowest point to the end of the command the highest
  // point may be in, plus the longest command of the job (a header cut short and completed with
  // zeros announces at most that much data).
  if (!commands.some((c) => c.offset + c.length > from && c.offset < to)) return new Uint8Array(0);
  const last = inside(to);
  const end = last ? last.offset + last.length : to;
  const longest = commands.reduce((max, c) => Math.max(max, c.length), 0);
  return new Uint8Array(end - from + longest);
}
