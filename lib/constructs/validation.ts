/**
 * Thrown when a construct is given props it cannot turn into Terraform that PagerDuty or Datadog
 * would accept. Config validation normally catches these first; the construct boundary checks
 * again so that a construct used on its own (tests, other apps) fails at synth time with a
 * sentence naming the construct, never at `terraform apply`.
 */
export class ConstructPropsError extends Error {
  constructor(constructPath: string, message: string) {
    super(`${constructPath}: ${message}`);
    this.name = 'ConstructPropsError';
  }
}

/** Throws a ConstructPropsError for `path` unless `condition` holds. */
export function requireProp(condition: unknown, path: string, message: string): asserts condition {
  if (!condition) throw new ConstructPropsError(path, message);
}

/**
 * Names both APIs store trimmed: a surrounding space would be a perpetual diff (Datadog) or an
 * apply-time rejection (PagerDuty).
 */
export function requireDisplayName(name: string, path: string, what: string): void {
  requireProp(name.length > 0 && name.trim() === name, path, `${what} must be non-empty without surrounding whitespace, got ${JSON.stringify(name)}`);
}

/** Seconds as PagerDuty's string-typed timeouts want them: "600", or "null" for disabled. */
export function timeoutString(seconds: number | null, path: string, what: string): string {
  if (seconds === null) return 'null';
  requireProp(Number.isInteger(seconds) && seconds > 0, path, `${what} must be a whole number of seconds above 0 or null (disabled), got ${seconds}`);
  return String(seconds);
}

/** "HH:MM" (model) -> "HH:MM:SS" (PagerDuty and PCL). */
export function withSeconds(time: string): string {
  return /^\d\d:\d\d$/.test(time) ? `${time}:00` : time;
}
