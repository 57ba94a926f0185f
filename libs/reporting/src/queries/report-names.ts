import { Injectable } from '@nestjs/common';
import { NumberNamesQuery } from '@switchboard/channels';
import { DisplayNamesQuery } from '@switchboard/identity';
import { DepartmentNamesQuery, StageNamesQuery, StageRef } from '@switchboard/pipelines';

/** What a report row's key names. */
export type NamedGroup = 'agent' | 'team' | 'department' | 'number';

/**
 * Display names for report rows' keys, read through the owning libraries (identity, pipelines, channels), never
 * their tables. A key those libraries do not name for the caller (unknown, or out of its departments) is not in the
 * map: its row keeps only its id.
 */
@Injectable()
export class ReportNames {
  constructor(
    private readonly people: DisplayNamesQuery,
    private readonly departments: DepartmentNamesQuery,
    private readonly stageNames: StageNamesQuery,
    private readonly numbers: NumberNamesQuery,
  ) {}

  /** Stage names keyed by `stageRefKey` (department id and stage key), for the departments the caller reads. */
  stages(refs: readonly StageRef[]): Promise<Map<string, string>> {
    return this.stageNames.of(refs);
  }

  async of(group: NamedGroup, keys: readonly (string | null)[]): Promise<Map<string, string>> {
    const ids = [...new Set(keys.filter((k): k is string => k !== null))];
    if (!ids.length) return new Map();
    switch (group) {
      case 'agent':
        return this.people.users(ids);
      case 'team':
        return this.people.teams(ids);
      case 'department':
        return this.departments.of(ids);
      case 'number':
        return this.numbers.of(ids);
    }
  }

  /** `rows` with each key's name (null for no key or an unnamed one). */
  async named<T extends { key: string | null }>(
    group: NamedGroup,
    rows: T[],
  ): Promise<(T & { name: string | null })[]> {
    const names = await this.of(
      group,
      rows.map((r) => r.key),
    );
    return rows.map((r) => ({ ...r, name: r.key === null ? null : (names.get(r.key) ?? null) }));
  }
}
