import type { IsoDate } from '../types';

/**
 * What differs between cities and plan years: the period, the words, the thresholds.
 * Milwaukee's later plan says "REI Impact Statement" and runs 2024–2028; that is a settings file,
 * not a code change.
 */
export type PlanSettings = {
  cityName: string;
  planTitle: string;
  period: { start: IsoDate; end: IsoDate };
  terms: {
    impactStatement: string;
    impactStatementShort: string;
    leadershipTeam: string;
    leadershipTeamShort: string;
    ambassadors: string;
    equityOfficer: string;
    toolkit: string;
  };
  /**
   * How the city numbers its Common Council files, which a toolkit analysis and an impact
   * statement cite: a pattern the number must match, and an example for the message.
   */
  councilFile: { pattern: string; example: string; description: string };
  thresholds: {
    /** Members of each department's leadership team. */
    leadsPerDepartment: number;
    /** Of those, how many must be senior leaders. */
    minSeniorLeads: number;
    /** Existing policies or programs each department must analyse in the period. */
    existingAnalysesRequired: number;
    /** Longest gap, in days, between partnership meetings (a quarter). */
    partnershipCadenceDays: number;
    /** Smallest group size shown for survey and focus-group figures. */
    suppressionMin: number;
  };
};

/** The City of Milwaukee's Racial Equity Action Plan 2020–2021. */
export const MILWAUKEE_2020_2021: PlanSettings = {
  cityName: 'City of Milwaukee',
  planTitle: 'Racial Equity Action Plan 2020–2021',
  period: { start: '2020-01-01', end: '2021-12-31' },
  terms: {
    impactStatement: 'Minority Impact Statement',
    impactStatementShort: 'MIS',
    leadershipTeam: 'Racial Equity Leadership Team',
    leadershipTeamShort: 'RELT',
    ambassadors: 'Ambassadors',
    equityOfficer: 'Equity Officer',
    toolkit: 'GARE Racial Equity Toolkit',
  },
  // Milwaukee's Legistar files: six digits, the first two the year the file was introduced.
  councilFile: {
    pattern: '^[0-9]{6}$',
    example: '200123',
    description: 'six digits, the first two the year (e.g. 200123)',
  },
  thresholds: {
    leadsPerDepartment: 2,
    minSeniorLeads: 1,
    existingAnalysesRequired: 1,
    partnershipCadenceDays: 92,
    suppressionMin: 10,
  },
};
