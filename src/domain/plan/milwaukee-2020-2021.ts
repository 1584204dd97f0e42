import type { Department, Goal, Milestone, Strategy, Training, Wave } from '../types';

/** Every department, written as `*` in a strategy's responsible departments. */
export const ALL_DEPARTMENTS = '*';

/** The plan's four goals, in the plan's order. */
export const GOALS: Goal[] = [
  { id: 'G1', title: 'Improve existing and new services using racial equity best practices' },
  { id: 'G2', title: 'End disparities in City government' },
  { id: 'G3', title: 'Strengthen outreach and public engagement for communities of color' },
  { id: 'G4', title: 'Strengthen partnerships with community stakeholders' },
];

/** Every strategy of the 2020–2021 plan with the departments responsible for it. */
export const STRATEGIES: Strategy[] = [
  {
    id: 'S1.1',
    goalId: 'G1',
    area: 'Racial Equity Leadership Team',
    text: 'Create a Racial Equity Leadership Team: each department designates two volunteer members passionate and committed to promoting racial equity; at least one of the two is a senior leader.',
    responsibleDepartmentIds: [ALL_DEPARTMENTS],
  },
  {
    id: 'S1.2',
    goalId: 'G1',
    area: 'Racial Equity Leadership Team',
    text: 'Each department creates a larger team of racial equity Ambassadors, recruited by its two team leads to help lead and support racial equity programming and activities.',
    responsibleDepartmentIds: [ALL_DEPARTMENTS],
  },
  {
    id: 'S1.3',
    goalId: 'G1',
    area: 'Racial Equity Leadership Team',
    text: "Each department adopts an overall racial equity vision statement to guide its racial equity goals and actions, in support of the City's overall racial equity goals.",
    responsibleDepartmentIds: [ALL_DEPARTMENTS],
  },
  {
    id: 'S1.4',
    goalId: 'G1',
    area: 'Racial Equity Leadership Team',
    text: 'Create an Equity Officer position within DOA in the 2021 City Budget to direct and champion citywide racial equity efforts: guiding departments in racial equity analysis, coordinating racial equity and anti-racism training, recommending policies and tracking progress.',
    responsibleDepartmentIds: ['DOA'],
  },
  {
    id: 'S1.5',
    goalId: 'G1',
    area: 'Racial Equity Analysis and Reporting',
    text: 'Train the Racial Equity Leadership Team and other managers within each department on the use of the GARE Racial Equity Toolkit and racial equity planning and analysis.',
    responsibleDepartmentIds: ['DOA', ALL_DEPARTMENTS],
  },
  {
    id: 'S1.6',
    goalId: 'G1',
    area: 'Racial Equity Analysis and Reporting',
    text: 'The Racial Equity Leadership Team and Ambassadors provide guidance and technical assistance within their departments on the completion of Minority Impact Statements, with other Common Council ordinance requirements.',
    responsibleDepartmentIds: [ALL_DEPARTMENTS],
  },
  {
    id: 'S1.7',
    goalId: 'G1',
    area: 'Racial Equity Analysis and Reporting',
    text: 'All departments use the toolkit to analyse new policies and programs and at least one existing program or policy during the 2020–2021 timeframe.',
    responsibleDepartmentIds: [ALL_DEPARTMENTS],
  },
  {
    id: 'S1.8',
    goalId: 'G1',
    area: 'Racial Equity Analysis and Reporting',
    text: 'Compile an annual report highlighting the use of the racial equity toolkit and Minority Impact Statements by City departments and the resulting policy and resource allocation changes.',
    responsibleDepartmentIds: ['DOA'],
  },
  {
    id: 'S1.9',
    goalId: 'G1',
    area: 'Racial Equity Analysis and Reporting',
    text: 'Track demographic and population trends to identify health inequities and implement policy to improve health outcomes, as mandated by the Council resolution declaring racism a public health crisis.',
    responsibleDepartmentIds: ['MHD'],
  },
  {
    id: 'S2.1',
    goalId: 'G2',
    area: 'Racial Equity Training',
    text: 'Implement mandatory racial equity and anti-racism training: senior managers first, then frontline managers and supervisors, then general city employees, so that department and division heads regularly discuss racial equity and align their work and resources to it.',
    responsibleDepartmentIds: ['DOA', ALL_DEPARTMENTS],
  },
  {
    id: 'S2.2',
    goalId: 'G2',
    area: 'Racial Equity Training',
    text: 'Develop and add racial equity goals and priorities in job descriptions and performance management tools.',
    responsibleDepartmentIds: ['DER', ALL_DEPARTMENTS],
  },
  {
    id: 'S2.3',
    goalId: 'G2',
    area: 'Region of Choice for Diverse Talent',
    text: 'Survey and focus groups to identify the barriers and challenges to increasing workplace diversity, especially in leadership positions, and establish strategies for diversity hiring and promotions (MMAC effort replicated with all Taxing Units).',
    responsibleDepartmentIds: ['DOA', 'DER'],
  },
  {
    id: 'S3.1',
    goalId: 'G3',
    area: 'Office of African American Affairs',
    text: 'Open the doors of the OAAA direct service delivery hub: government agencies and nonprofits providing quality of life services such as health, financial literacy and employment and job training.',
    responsibleDepartmentIds: ['DOA'],
  },
  {
    id: 'S3.2',
    goalId: 'G3',
    area: 'Office of African American Affairs',
    text: 'Educate the public on the OAAA and other government services through outreach and public education efforts.',
    responsibleDepartmentIds: ['DOA', ALL_DEPARTMENTS],
  },
  {
    id: 'S4.1',
    goalId: 'G4',
    area: 'Expand Racial Equity Government and Philanthropic Partnerships',
    text: "Milwaukee's Racial Equity Leadership Team meets regularly with Milwaukee County OAAA and local foundations focused on racial equity to share best practices, refine training options and benchmark efforts.",
    responsibleDepartmentIds: ['DOA'],
  },
];

/** The plan's one-off milestones. */
export const MILESTONES: Milestone[] = [
  { id: 'M-equity-officer', strategyId: 'S1.4', title: 'Equity Officer position created in DOA' },
  { id: 'M-oaaa-hub', strategyId: 'S3.1', title: 'OAAA direct service delivery hub open' },
];

/** The trainings the plan makes mandatory. */
export const TRAININGS: Training[] = [
  {
    id: 'racial-equity-101',
    title: 'Racial equity foundations',
    courseUrl: 'https://city.milwaukee.gov/equity/training/racial-equity-foundations',
    requiredForLeads: false,
  },
  {
    id: 'anti-racism',
    title: 'Anti-racism in City government',
    courseUrl: 'https://city.milwaukee.gov/equity/training/anti-racism',
    requiredForLeads: false,
  },
  {
    id: 'gare-toolkit',
    title: 'Using the GARE Racial Equity Toolkit',
    courseUrl: 'https://city.milwaukee.gov/equity/training/gare-toolkit',
    requiredForLeads: true,
  },
];

/**
 * The waves as planned: senior managers, then frontline managers and supervisors, then everyone.
 * The toolkit training is for leads and managers only, so it has no third wave.
 */
export const WAVES: Wave[] = [
  w('racial-equity-101', 1, 'senior_manager', '2020-09-01', '2020-11-30'),
  w('racial-equity-101', 2, 'frontline_manager', '2020-12-01', '2021-03-31'),
  w('racial-equity-101', 3, 'employee', '2021-04-01', '2021-09-30'),
  w('anti-racism', 1, 'senior_manager', '2020-10-01', '2020-12-31'),
  w('anti-racism', 2, 'frontline_manager', '2021-01-15', '2021-04-30'),
  w('anti-racism', 3, 'employee', '2021-05-01', '2021-12-31'),
  w('gare-toolkit', 1, 'senior_manager', '2020-11-01', '2021-02-28'),
  w('gare-toolkit', 2, 'frontline_manager', '2021-03-01', '2021-06-30'),
];

function w(
  trainingId: string,
  sequence: number,
  tier: Wave['tier'],
  opensOn: string,
  dueOn: string,
): Wave {
  return { id: `${trainingId}-w${sequence}`, trainingId, sequence, tier, opensOn, dueOn };
}

/**
 * The City of Milwaukee's departments, with an approximate headcount the demo city is built from.
 * Milwaukee Water Works is listed apart from DPW because it trains and reports on its own.
 */
export const DEPARTMENTS: Array<Department & { headcount: number }> = [
  { id: 'DOA', name: 'Department of Administration', headcount: 140 },
  { id: 'DER', name: 'Department of Employee Relations', headcount: 60 },
  { id: 'MHD', name: 'Milwaukee Health Department', headcount: 280 },
  { id: 'MPD', name: 'Milwaukee Police Department', headcount: 2400 },
  { id: 'MFD', name: 'Milwaukee Fire Department', headcount: 800 },
  { id: 'DPW', name: 'Department of Public Works', headcount: 1250 },
  { id: 'MWW', name: 'Milwaukee Water Works', headcount: 350 },
  { id: 'DCD', name: 'Department of City Development', headcount: 110 },
  { id: 'DNS', name: 'Department of Neighborhood Services', headcount: 240 },
  { id: 'MPL', name: 'Milwaukee Public Library', headcount: 330 },
  { id: 'CCCC', name: 'Common Council – City Clerk', headcount: 110 },
  { id: 'CATT', name: 'City Attorney', headcount: 70 },
  { id: 'COMP', name: 'Comptroller', headcount: 55 },
  { id: 'TRES', name: 'City Treasurer', headcount: 35 },
  { id: 'MAYR', name: 'Office of the Mayor', headcount: 15 },
  { id: 'FPC', name: 'Fire and Police Commission', headcount: 30 },
  { id: 'ELEC', name: 'Election Commission', headcount: 25 },
  { id: 'ASMT', name: "Assessor's Office", headcount: 50 },
  { id: 'MCRT', name: 'Municipal Court', headcount: 60 },
  { id: 'PORT', name: 'Port Milwaukee', headcount: 25 },
  { id: 'ERS', name: "Employes' Retirement System", headcount: 50 },
];
