/**
 * Field paths into a record: property names separated by `.` (names may contain `:`), with
 * `[field=value]` to pick the array element whose `field` equals `value`:
 * `suyuan:product.approvalNumber`, `ilmd.cbvmda:lotNumber`, `suyuan:parties[role=producer]`.
 */

/** Reads a field path; `undefined` when any step is missing. */
export function readPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const step of path.split('.')) {
    const match = /^([^[]+)(?:\[([^=]+)=([^\]]+)\])?$/.exec(step);
    if (!match || current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[match[1]!];
    if (match[2] !== undefined) {
      if (!Array.isArray(current)) return undefined;
      current = current.find((item) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[match[2]!]) === match[3]);
    }
  }
  return current;
}

