export {
  DeltaExpired,
  DirectoryError,
  EntraDirectory,
  USER_PROPERTIES,
  type DirectoryRead,
  type DirectoryReadOptions,
} from './entra-directory';
export {
  ROSTER_CSV_COLUMNS,
  ROSTER_CSV_OPTIONAL_COLUMNS,
  readRosterCsv,
  type RosterFile,
} from './roster-csv';
export {
  RosterMappingError,
  parseRosterMapping,
  type RosterMapping,
  type RosterMappingFile,
  type TierSource,
} from './roster-mapping';
export {
  SYNCED_FIELDS,
  derivedPersonId,
  isEmptyPlan,
  peopleToWrite,
  planRoster,
  type NameCount,
  type PersonChange,
  type PlanInput,
  type RosterEntry,
  type RosterPlan,
  type SkippedEntry,
  type SyncedField,
} from './roster-plan';
export {
  ROSTER_SYNC_SETTING,
  RosterSync,
  type ApplyOptions,
  type DirectorySyncPlan,
  type DirectorySyncState,
  type FileSyncPlan,
  type FullReadReason,
} from './roster-sync';
