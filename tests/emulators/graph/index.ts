export {
  startGraphEmulator,
  type EmulatedItem,
  type EmulatedListInfo,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from './graph-emulator';
export { BATCH_LIMIT, type BatchRequestItem, type BatchResponseItem } from './batch';
export type { EmulatedClient } from './entra';
export type { FaultTarget, GraphFaults, PlannedFault } from './faults';
export type { GraphErrorBody } from './graph-response';
export type { GraphRequestRecord, GraphStats, RouteKind } from './resource-units';
export {
  EmulatedTeamwork,
  type EmulatedInstallation,
  type EmulatedTeamsApp,
  type EmulatedUser,
} from './teamwork';
export { EmulatedDrive, type EmulatedDriveFile } from './drive';
export { EmulatedDirectory, type DirectoryUserChange, type DirectoryUserSeed } from './directory';
