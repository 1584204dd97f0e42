import type { IsoDate, VisionStatement } from '../types';

/** The statement in force: the highest version adopted on or before `today`. */
export function currentVision(
  versions: VisionStatement[],
  today: IsoDate,
): VisionStatement | undefined {
  return versions.filter((v) => v.adoptedOn <= today).sort((a, b) => b.version - a.version)[0];
}

/** A department has adopted a vision once any version's adoption date has come. */
export function visionAdopted(versions: VisionStatement[], today: IsoDate): boolean {
  return currentVision(versions, today) !== undefined;
}
