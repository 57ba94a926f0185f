export interface CustomerProfile {
  waId: string;
  name: string;
  bsuid?: string;
}

/** Profiles of simulated customers (name and BSUID shown in webhook `contacts[]`). */
export class CustomerDirectory {
  private readonly byWaId = new Map<string, CustomerProfile>();

  upsert(waId: string, opts: { name?: string; bsuid?: string } = {}): CustomerProfile {
    const existing = this.byWaId.get(waId);
    const profile: CustomerProfile = {
      waId,
      name: opts.name ?? existing?.name ?? `Cliente ${waId.slice(-4)}`,
      bsuid: opts.bsuid ?? existing?.bsuid,
    };
    this.byWaId.set(waId, profile);
    return profile;
  }

  get(waId: string): CustomerProfile | undefined {
    return this.byWaId.get(waId);
  }

  byBsuid(bsuid: string): CustomerProfile | undefined {
    for (const profile of this.byWaId.values()) if (profile.bsuid === bsuid) return profile;
    return undefined;
  }
}

/** Webhook `contacts[]` entry for a customer; `user_id` only when the customer has a BSUID. */
export function contactBlock(profile: CustomerProfile): Record<string, unknown> {
  const block: Record<string, unknown> = { profile: { name: profile.name }, wa_id: profile.waId };
  if (profile.bsuid) block.user_id = profile.bsuid;
  return block;
}
