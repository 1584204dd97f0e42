import { MILWAUKEE_2020_2021, type Person } from '../../src/domain';
import { planSeed } from '../../src/services/demo/demo-city';
import { AnnualReportService, DOCX_TYPE } from '../../src/services/report/annual-report-service';
import { reportLibraryFor } from '../../src/services/report/report-library';
import type { SharePointStore } from '../../src/store/sharepoint/sharepoint-store';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedStore, provisionEmulator } from '../store/sharepoint-emulated';
import { readDocx } from './document-checks';

// On SharePoint the compiled report is kept in its list (gzipped: a city's report is larger than
// a note column holds) and its Word file saved to the site's document library, through Graph.

const clock = { now: () => new Date('2022-01-20T15:00:00.000Z') };

const person = (id: string, departmentId: string, tier: Person['tier'], n: number): Person => ({
  id,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `Person ${id}`,
  upn: `${id.toLowerCase()}@milwaukee.gov`,
  departmentId,
  tier,
  jobTitle: 'Analyst',
});

describe('the annual report on SharePoint (Graph emulator)', () => {
  let emulator: GraphEmulator;
  let store: SharePointStore;

  beforeAll(async () => {
    emulator = await startGraphEmulator();
    await provisionEmulator(emulator);
    store = emulatedStore(emulator);
    await store.putPlan(planSeed());
    await store.upsertPeople([
      person('MHD-0001', 'MHD', 'senior_manager', 1),
      person('MHD-0002', 'MHD', 'employee', 2),
      person('DOA-0001', 'DOA', 'senior_manager', 3),
    ]);
    await store.setMembers('MHD', 'lead', ['MHD-0001'], '2020-07-01');
  });
  afterAll(async () => {
    await store?.close();
    await emulator?.close();
  });

  it("keeps the report in its list and saves the Word file to the site's documents", async () => {
    const service = new AnnualReportService(
      store,
      MILWAUKEE_2020_2021,
      clock,
      reportLibraryFor(store),
    );
    emulator.resetStats();
    const { report, library } = await service.compile(2021, 'DOA-0001');
    expect(library).toMatchObject({ saved: true, fileName: 'annual-report-2021.docx' });
    expect(library?.saved && library.webUrl).toMatch(
      /\/Shared%20Documents\/reap\/annual-report-2021\.docx$/,
    );

    const uploads = emulator.requests.filter((r) => r.kind === 'drive-item');
    expect(uploads.map((r) => [r.method, r.status])).toEqual([['PUT', 201]]);
    expect(uploads[0]?.path).toMatch(
      /^\/sites\/[^/]+\/drive\/root:\/reap\/annual-report-2021\.docx:\/content$/,
    );
    const [file] = emulator.drive.files(emulator.siteId('contoso.sharepoint.com', '/sites/reap'));
    expect(file).toMatchObject({ path: 'reap/annual-report-2021.docx', contentType: DOCX_TYPE });
    const docx = readDocx(file?.bytes ?? Buffer.alloc(0));
    expect(docx.paragraphs.find((p) => p.style === 'Title')?.text).toBe(
      'City of Milwaukee: annual racial equity report 2021',
    );

    // Compiled again: the file is replaced, not added.
    await service.compile(2021, 'DOA-0001');
    expect(
      emulator.drive.files(emulator.siteId('contoso.sharepoint.com', '/sites/reap')),
    ).toHaveLength(1);

    // Read back from the list (another instance would): the same content.
    const other = emulatedStore(emulator);
    expect((await other.getAnnualReport(2021))?.content).toMatchObject({
      year: 2021,
      asOf: '2021-12-31',
      departments: JSON.parse(JSON.stringify(report.departments)) as unknown,
    });
  });

  it('keeps the report and says so when the library refuses the file', async () => {
    const refused = await startGraphEmulator({ roles: ['Sites.Read.All'] });
    try {
      await provisionEmulator(refused);
      const readOnly = emulatedStore(refused);
      await readOnly.putPlan(planSeed());
      const service = new AnnualReportService(
        readOnly,
        MILWAUKEE_2020_2021,
        clock,
        reportLibraryFor(readOnly),
      );
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const { library } = await service.compile(2021, 'system');
      errors.mockRestore();
      expect(library).toMatchObject({ saved: false, fileName: 'annual-report-2021.docx' });
      expect(await service.get(2021)).toMatchObject({ year: 2021 });
    } finally {
      await refused.close();
    }
  });
});
