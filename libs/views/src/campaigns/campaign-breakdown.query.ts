import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { CAMPAIGN_KIND_LABELS, CAMPAIGN_KINDS, type CampaignKind } from '@ledger/ledger/events';

import type { Period } from '../shared/periods';
import { unitAndDescendants } from '../shared/units';

export interface CampaignTotals {
  readonly unitId: string;
  readonly campaignId: string;
  readonly name: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly launchedOn: string;
  readonly closedOn: string | null;
  readonly operations: number;
  readonly officers: string;
  readonly vehiclesChecked: string;
  readonly violationsFound: string;
}

export class GetCampaignBreakdownQuery {
  constructor(readonly params: Period & { readonly unitId: string }) {}
}

/** Campaigns running at some point in the period, with their totals over their whole run. */
@QueryHandler(GetCampaignBreakdownQuery)
export class GetCampaignBreakdownHandler implements IQueryHandler<
  GetCampaignBreakdownQuery,
  CampaignTotals[]
> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetCampaignBreakdownQuery): Promise<CampaignTotals[]> {
    const units = await unitAndDescendants(this.db, params.unitId);
    const placeholders = units.map((_, i) => `$${i + 3}`).join(', ');
    const raw: {
      unit_id: string;
      campaign_id: string;
      name: string;
      kind: string;
      launched_on: string;
      closed_on: string | null;
      operations: number;
      officers: string;
      vehicles_checked: string;
      violations_found: string;
    }[] = await this.db.query(
      `SELECT unit_id, campaign_id, name, kind, launched_on::text AS launched_on, closed_on::text AS closed_on,
              operations, officers::text AS officers, vehicles_checked::text AS vehicles_checked,
              violations_found::text AS violations_found
         FROM campaign_totals
        WHERE unit_id IN (${placeholders})
          AND launched_on <= $2::date AND (closed_on IS NULL OR closed_on >= $1::date)
        ORDER BY launched_on, unit_id, campaign_id`,
      [params.from, params.to, ...units],
    );
    return raw.map((r) => ({
      unitId: r.unit_id,
      campaignId: r.campaign_id,
      name: r.name,
      kind: r.kind,
      kindZh: (CAMPAIGN_KINDS as readonly string[]).includes(r.kind)
        ? CAMPAIGN_KIND_LABELS[r.kind as CampaignKind]
        : r.kind,
      launchedOn: r.launched_on,
      closedOn: r.closed_on,
      operations: r.operations,
      officers: r.officers,
      vehiclesChecked: r.vehicles_checked,
      violationsFound: r.violations_found,
    }));
  }
}
