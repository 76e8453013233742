import { DateTime } from 'luxon';
import { mod, type TurnReading } from '../turns';
import type { LayerModel, RotationModel } from '../types';
import { clip, difference, intersect, normalize, union, type Interval, type IntervalSet } from './intervals';
import { restrictionOccurrences } from './restrictions';
import { TurnGrid } from './grid';

/** A stretch of time in which one person is on call for a schedule. */
export interface OnCallSegment extends Interval {
  memberId: string;
}

/**
 * One turn as the final schedule has it, before restrictions cut it into on-call segments. A turn
 * interrupted by a roster change and continued by the same person is one turn.
 */
export interface Turn extends Interval {
  memberId: string;
  /** On-call time inside the turn (equal to the turn without restrictions). */
  onCall: IntervalSet;
  /** False for the piece of a turn that begins at a roster change rather than at a handoff. */
  startsAtHandoff: boolean;
}

/** A rotation rendered over a window: PagerDuty's "final schedule" for it. */
export interface RenderedRotation {
  rotationId: string;
  window: Interval;
  reading: TurnReading;
  /** Sorted, disjoint; adjacent segments of the same person are merged. */
  segments: OnCallSegment[];
  turns: Turn[];
  /** When anybody is on call. */
  coverage: IntervalSet;
  /** When each member is on call. */
  byMember: ReadonlyMap<string, IntervalSet>;
}

const layerRange = (layer: LayerModel): Interval => ({
  start: instantMillis(layer.start),
  end: layer.end ? instantMillis(layer.end) : Number.POSITIVE_INFINITY,
});

/** Epoch ms of an ISO instant with offset, memoized: each layer is rendered under both readings by several analyses. */
const instants = new Map<string, number>();
function instantMillis(iso: string): number {
  let ms = instants.get(iso);
  if (ms === undefined) {
    ms = DateTime.fromISO(iso, { setZone: true }).toMillis();
    if (instants.size >= 100_000) instants.clear();
    instants.set(iso, ms);
  }
  return ms;
}

/**
 * The exact final schedule of a rotation over `window` under one turn reading. PagerDuty semantics
 * relied on (sources in docs/rotations.md): each layer applies from its start to its end; within it
 * the turn grid of rotation_virtual_start and the turn length decides whose turn it is; restrictions
 * limit on-call time to their windows, leaving gaps; a later layer overrides earlier ones wherever it
 * has someone on call, and gaps in it fall through to earlier layers.
 */
export function renderRotation(rotation: RotationModel, window: Interval, reading: TurnReading): RenderedRotation {
  const allowed = rotation.restrictions.length > 0 ? restrictionOccurrences(rotation.restrictions, rotation.timeZone, window, reading) : [window];
  let segments: OnCallSegment[] = [];
  let turns: Turn[] = [];
  for (const layer of rotation.layers) {
    const active = intersect([layerRange(layer)], [window]);
    if (active.length === 0 || layer.members.length === 0) continue;
    const layerTurns = turnsOfLayer(layer, rotation, active[0], allowed, reading);
    const layerOnCall = union(...layerTurns.map((t) => t.onCall));
    // On-call time: earlier layers keep only what this layer leaves empty (override where it has
    // someone; its gaps fall through).
    segments = segments
      .flatMap((s) => difference([s], layerOnCall).map((i) => ({ ...i, memberId: s.memberId })))
      .concat(layerTurns.flatMap((t) => t.onCall.map((i) => ({ ...i, memberId: t.memberId }))));
    // Turns: while a layer is in effect its turns are the turns. Generated rotations have layers one
    // after the other in time, so this only cuts the turn in progress at a roster change.
    turns = turns
      .flatMap((t) => difference([t], active).map((piece) => ({ ...t, ...piece, onCall: clip(t.onCall, piece), startsAtHandoff: t.startsAtHandoff && piece.start === t.start })))
      .concat(layerTurns);
  }
  turns = mergeContinuedTurns(turns.sort((a, b) => a.start - b.start || a.end - b.end));
  segments = mergeSegments(segments);
  const perMember = new Map<string, OnCallSegment[]>();
  for (const segment of segments) {
    const list = perMember.get(segment.memberId);
    if (list) list.push(segment);
    else perMember.set(segment.memberId, [segment]);
  }
  const byMember = new Map([...perMember].map(([member, list]) => [member, normalize(list)]));
  return { rotationId: rotation.id, window, reading, segments, turns, coverage: normalize(segments), byMember };
}

function turnsOfLayer(layer: LayerModel, rotation: RotationModel, active: Interval, allowed: IntervalSet, reading: TurnReading): Turn[] {
  const grid = new TurnGrid(layer.rotationVirtualStart, rotation.turnSeconds, rotation.timeZone, reading);
  const turns: Turn[] = [];
  for (let k = grid.indexAt(active.start); ; k++) {
    const start = Math.max(grid.boundary(k), active.start);
    const end = Math.min(grid.boundary(k + 1), active.end);
    if (start >= active.end) break;
    if (end <= start) continue;
    const memberId = layer.members[mod(k, layer.members.length)];
    turns.push({ start, end, memberId, onCall: clip(allowed, { start, end }), startsAtHandoff: start === grid.boundary(k) });
  }
  return turns;
}

/**
 * A roster change in the middle of a turn that keeps the same person splits nothing. The same
 * person again after a real handoff stays two turns (that is what the consecutive-turns rule sees).
 */
function mergeContinuedTurns(turns: Turn[]): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    const last = merged[merged.length - 1];
    if (last && last.memberId === turn.memberId && last.end === turn.start && !turn.startsAtHandoff) {
      merged[merged.length - 1] = { ...last, end: turn.end, onCall: union(last.onCall, turn.onCall) };
    } else {
      merged.push(turn);
    }
  }
  return merged;
}

function mergeSegments(segments: OnCallSegment[]): OnCallSegment[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const merged: OnCallSegment[] = [];
  for (const segment of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.memberId === segment.memberId && last.end === segment.start) last.end = segment.end;
    else merged.push({ ...segment });
  }
  return merged;
}

/**
 * Instants at which on-call duty passes directly from one person to another (no gap between), with
 * who hands over to whom: what people experience as a handoff. With restrictions, a turn boundary
 * outside the restricted hours is not a handoff; the next person simply starts at the next window.
 */
export function handoffs(rendered: RenderedRotation): { at: number; from: string; to: string }[] {
  const result: { at: number; from: string; to: string }[] = [];
  for (let i = 1; i < rendered.segments.length; i++) {
    const previous = rendered.segments[i - 1];
    const current = rendered.segments[i];
    if (previous.end === current.start && previous.memberId !== current.memberId) result.push({ at: current.start, from: previous.memberId, to: current.memberId });
  }
  return result;
}
