/**
 * Survey and focus-group figures are shown only for groups of at least `threshold` people, so no
 * one can be singled out; a smaller group shows as suppressed (null).
 */
export function suppressSmallGroup<T>(count: number, value: T, threshold: number): T | null {
  return count >= threshold ? value : null;
}
