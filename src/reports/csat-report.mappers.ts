import type { CsatReportRow } from './csat-report.repository';
import type { CsatReportResponse } from './dto/csat-report.response';

/** The report body (contract §3 "Reports"), shaped field by field from the aggregate rows. */
export function toCsatReportResponse(window: { from: Date; to: Date }, rows: CsatReportRow[]): CsatReportResponse {
  const total = rows.find((r) => r.isTotal)!;
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    responses: total.responses,
    csatPercent: total.csatPercent,
    averageScore: total.averageScore,
    verifiedResponses: total.verifiedResponses,
    verifiedCsatPercent: total.verifiedCsatPercent,
    distribution: { '1': total.score1, '2': total.score2, '3': total.score3, '4': total.score4, '5': total.score5 },
    groups: rows
      .filter((r) => !r.isTotal)
      .map((r) => ({
        key: r.key,
        responses: r.responses,
        csatPercent: r.csatPercent,
        averageScore: r.averageScore,
        verifiedResponses: r.verifiedResponses,
        verifiedCsatPercent: r.verifiedCsatPercent,
      })),
  };
}
