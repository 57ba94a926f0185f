import { Injectable } from '@nestjs/common';
import { DepartmentNumbers } from '@switchboard/channels';
import { AccessScope } from '@switchboard/identity';

/**
 * Plugin installations belong to the department of their WhatsApp number, so `plugins.manage` applies within the
 * actor's departments only; members-only departments (HR) stay out of an admin's reach unless they are a member.
 */
@Injectable()
export class PluginNumberScope {
  constructor(
    private readonly departmentNumbers: DepartmentNumbers,
    private readonly scope: AccessScope,
  ) {}

  /**
   * 404 for a number that does not exist or is outside the actor's departments (the two look the same); else the
   * number's department.
   */
  async assertNumber(numberId: string): Promise<string> {
    const departmentId = await this.departmentNumbers.departmentOf(numberId);
    this.scope.assertIn('plugins.manage', departmentId, `number ${numberId}`);
    return departmentId!; // assertIn refused a missing number
  }

  /** The numbers whose plugins the actor may see and change. */
  async numbers(): Promise<Set<string>> {
    return new Set(await this.departmentNumbers.idsWith('plugins.manage'));
  }
}
