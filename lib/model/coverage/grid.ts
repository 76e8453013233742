import { DateTime } from 'luxon';
import { instantOfNaive } from '../../util/zone-offsets';
import { naiveMillis, type TurnReading } from '../turns';

/**
 * The handoff instants of one schedule layer: turn k starts at rotation_virtual_start plus k turn
 * lengths, in the layer's zone, under one turn reading. PagerDuty semantics relied on
 * (docs/rotations.md has the sources): turns are counted from rotation_virtual_start, which may lie
 * before the layer's start; the layer's members take turns in list order, the first one in the turn
 * starting at rotation_virtual_start.
 */
export class TurnGrid {
  private readonly startMs: number;
  private readonly startNaive: number;
  private readonly turnMs: number;

  constructor(
    virtualStart: string,
    turnSeconds: number,
    private readonly zone: string,
    private readonly reading: TurnReading,
  ) {
    const anchor = anchorOf(virtualStart, zone);
    this.startMs = anchor.startMs;
    this.startNaive = anchor.startNaive;
    this.turnMs = turnSeconds * 1000;
  }

  /** Start of turn k, epoch ms. */
  boundary(k: number): number {
    return this.reading === 'fixed-seconds' ? this.startMs + k * this.turnMs : instantOfNaive(this.startNaive + k * this.turnMs, this.zone);
  }

  /** Index of the turn containing instant t. */
  indexAt(t: number): number {
    let k = Math.floor((t - this.startMs) / this.turnMs);
    while (this.boundary(k) > t) k--;
    while (this.boundary(k + 1) <= t) k++;
    return k;
  }
}

/** Parsed anchors by start and zone: every team's grid is built under both readings, by several analyses. */
const anchors = new Map<string, { startMs: number; startNaive: number }>();

function anchorOf(virtualStart: string, zone: string): { startMs: number; startNaive: number } {
  const key = `${virtualStart}\u0000${zone}`;
  let known = anchors.get(key);
  if (!known) {
    const anchor = DateTime.fromISO(virtualStart, { setZone: true }).setZone(zone);
    if (!anchor.isValid) throw new Error(`rotation_virtual_start "${virtualStart}" is not a valid instant in ${zone}`);
    known = { startMs: anchor.toMillis(), startNaive: naiveMillis(anchor) };
    if (anchors.size >= 100_000) anchors.clear();
    anchors.set(key, known);
  }
  return known;
}
