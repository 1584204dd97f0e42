import { randomUUID } from 'node:crypto';
import { toIsoDate, type PlanSettings } from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import { FIRST_REPORT_YEAR, AnnualReportCompiler } from './report-compiler';
import {
  REPORT_SCHEMA,
  type AnnualReportContent,
  type CompileReportResponse,
  type ReportListResponse,
} from './report-content';

import { annualReportDocument } from './report-document';
import { renderReportDocx } from './report-docx';
import { renderReportHtml } from './report-html';
import type { ReportLibrary } from './report-library';
import { log } from '../../observability/log';

export type { CompileReportResponse, LibraryOutcome } from './report-content';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** The files of a report: `reap-annual-report-2021.docx` and `.html`. */
export const reportFileName = (year: number, extension: 'docx' | 'html') =>
  `reap-annual-report-${year}.${extension}`;

/**
 * The annual report: compiled from the records (see `AnnualReportCompiler`), kept in the store
 * (`putAnnualReport`), audited, saved as a Word file to the site's document library when reap
 * runs on SharePoint, and rendered on request as Word or HTML from the stored content.
 */
export class AnnualReportService {
  private readonly compiler: AnnualReportCompiler;
  private readonly rendered = new Map<number, { compiledAt: string; docx: Promise<Buffer> }>();

  constructor(
    private readonly store: PlanStore,
    private readonly settings: PlanSettings,
    private readonly clock: Clock,
    private readonly library?: ReportLibrary,
  ) {
    this.compiler = new AnnualReportCompiler(store, settings, clock);
  }

  /**
   * Compiles the year's report and keeps it (replacing an earlier compilation of the year).
   * @param actorId the verified person compiling, or `system` for the command line.
   * @throws ValidationError for a year not begun or before 2000.
   */
  async compile(year: number, actorId: string): Promise<CompileReportResponse> {
    const report = await this.compiler.compile(year);
    await this.store.putAnnualReport({ year, generatedAt: report.compiledAt, content: report });
    await this.store.appendAudit({
      id: randomUUID(),
      at: report.compiledAt,
      actorId,
      action: 'report.compile',
      recordType: 'annualReport',
      recordId: String(year),
      after: { year, asOf: report.asOf, departments: report.departments.length },
    });
    if (!this.library) return { report };
    const fileName = `annual-report-${year}.docx`;
    try {
      const saved = await this.library.save(fileName, await this.docx(report), DOCX_TYPE);
      return { report, library: { saved: true, fileName, ...saved } };
    } catch (error) {
      // The report is compiled and kept: the officer can download it and compile again later.
      log.error({ err: error, year }, 'saving the report to the document library failed');
      return {
        report,
        library: {
          saved: false,
          fileName,
          message:
            'The report was compiled, but saving it to the site\u2019s documents failed; compile it again later, or download it here.',
        },
      };
    }
  }

  /** The compiled report of a year, or undefined when it has not been compiled. */
  async get(year: number): Promise<AnnualReportContent | undefined> {
    const stored = await this.store.getAnnualReport(year);
    const content = stored?.content as Partial<AnnualReportContent> | undefined;
    // A report kept in an older shape is compiled again rather than shown half right.
    return content?.schema === REPORT_SCHEMA ? (content as AnnualReportContent) : undefined;
  }

  /** The years a report can be compiled for (plan period to this year), and which have been. */
  async list(): Promise<ReportListResponse> {
    const thisYear = Number(toIsoDate(this.clock.now()).slice(0, 4));
    const first = Math.max(FIRST_REPORT_YEAR, Number(this.settings.period.start.slice(0, 4)));
    const reports: ReportListResponse['reports'] = [];
    for (let year = thisYear; year >= first; year -= 1) {
      const report = await this.get(year);
      reports.push(report ? { year, compiledAt: report.compiledAt, asOf: report.asOf } : { year });
    }
    return { reports };
  }

  /** The report as a Word file; the last one made per year is kept, as making one takes seconds. */
  docx(report: AnnualReportContent): Promise<Buffer> {
    const kept = this.rendered.get(report.year);
    if (kept?.compiledAt === report.compiledAt) return kept.docx;
    const docx = renderReportDocx(annualReportDocument(report));
    this.rendered.set(report.year, { compiledAt: report.compiledAt, docx });
    docx.catch(() => this.rendered.delete(report.year));
    return docx;
  }

  html(report: AnnualReportContent): string {
    return renderReportHtml(annualReportDocument(report));
  }
}
