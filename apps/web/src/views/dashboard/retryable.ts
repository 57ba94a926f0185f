import { ApiError } from '../../api/errors';

/**
 * Whether a failed report read is worth asking again on a timer: the api unreachable or failing (5xx). A 4xx (a
 * range it refuses, a permission the user lacks, a session ended) answers the same however often it is asked.
 */
export function retryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  return err.kind === 'unreachable' || (err.status !== null && err.status >= 500);
}
