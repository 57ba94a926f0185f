import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  CreateQuickReplyRequest,
  MAX_QUICK_REPLIES_PER_DEPARTMENT,
  QuickReplyView,
  UpdateQuickReplyRequest,
} from '@switchboard/contracts';
import { DepartmentDirectory, sql, uuidv7 } from '@switchboard/engine';
import { AccessScope, AuditLog } from '@switchboard/identity';

interface QuickReplyRow {
  id: string;
  department_id: string;
  shortcut: string;
  title: string;
  text: string;
  updated_at: Date;
}

const COLUMNS = 'id, department_id, shortcut, title, text, updated_at';

const toView = (r: QuickReplyRow): QuickReplyView => ({
  id: r.id,
  departmentId: r.department_id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const UNIQUE_VIOLATION = '23505';

/**
 * A department's quick replies: read by whoever reads its conversations, changed by whoever manages its routing
 * (supervisors, admins). Every change is audited with the department, so a supervisor sees who changed a text.
 */
@Injectable()
export class QuickRepliesService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly departments: DepartmentDirectory,
    private readonly audit: AuditLog,
  ) {}

  /** Sorted by shortcut, as the picker lists them. */
  async list(departmentId: string): Promise<QuickReplyView[]> {
    await this.assertDepartment('conversations.read', departmentId);
    const rows = await sql<QuickReplyRow>(
      this.em,
      `select ${COLUMNS} from quick_replies where department_id = ? order by shortcut, id`,
      [departmentId],
    );
    return rows.map(toView);
  }

  async create(departmentId: string, body: CreateQuickReplyRequest): Promise<QuickReplyView> {
    await this.assertDepartment('routing.manage', departmentId);
    return this.tx(async (em) => {
      // Serialises creations in the department, so the count limit holds under concurrent requests.
      await sql(em, 'select pg_advisory_xact_lock(hashtext(?))', [`quick_replies:${departmentId}`]);
      const [{ n }] = await sql<{ n: number }>(
        em,
        'select count(*)::int as n from quick_replies where department_id = ?',
        [departmentId],
      );
      if (n >= MAX_QUICK_REPLIES_PER_DEPARTMENT)
        throw new UnprocessableEntityException(
          `department ${departmentId} already has ${MAX_QUICK_REPLIES_PER_DEPARTMENT} quick replies: delete one first`,
        );
      const actor = this.scope.actor();
      const [row] = await this.unique(body.shortcut, () =>
        sql<QuickReplyRow>(
          em,
          `insert into quick_replies (id, department_id, shortcut, title, text, created_by)
           values (?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
          [
            uuidv7(),
            departmentId,
            body.shortcut,
            body.title,
            body.text,
            actor.type === 'user' ? actor.id : null,
          ],
        ),
      );
      await this.record(em, 'quick_reply.created', row, { shortcut: row.shortcut, title: row.title });
      return toView(row);
    });
  }

  async update(id: string, body: UpdateQuickReplyRequest): Promise<QuickReplyView> {
    return this.tx(async (em) => {
      const before = await this.mustGet(em, id, 'routing.manage');
      const [row] = await this.unique(body.shortcut ?? before.shortcut, () =>
        sql<QuickReplyRow>(
          em,
          `update quick_replies set shortcut = coalesce(?, shortcut), title = coalesce(?, title),
                  text = coalesce(?, text), updated_at = now()
            where id = ? returning ${COLUMNS}`,
          [body.shortcut ?? null, body.title ?? null, body.text ?? null, id],
        ),
      );
      const changed = (['shortcut', 'title', 'text'] as const).filter((k) => before[k] !== row[k]);
      await this.record(em, 'quick_reply.updated', row, { shortcut: row.shortcut, changed });
      return toView(row);
    });
  }

  async remove(id: string): Promise<void> {
    await this.tx(async (em) => {
      const before = await this.mustGet(em, id, 'routing.manage');
      await sql(em, 'delete from quick_replies where id = ?', [id]);
      await this.record(em, 'quick_reply.deleted', before, {
        shortcut: before.shortcut,
        title: before.title,
      });
    });
  }

  /** 404 for a department that does not exist or the caller cannot see; 403 when seen but not `permission`. */
  private async assertDepartment(
    permission: 'conversations.read' | 'routing.manage',
    departmentId: string,
  ): Promise<void> {
    const [known] = await this.departments.describe(this.em, [departmentId]);
    this.scope.assertIn(permission, known?.id ?? null, `department ${departmentId}`);
  }

  /** The reply locked, its department's permission checked; 404 alike for unknown and out of scope. */
  private async mustGet(em: EntityManager, id: string, permission: 'routing.manage'): Promise<QuickReplyRow> {
    const [row] = await sql<QuickReplyRow>(
      em,
      `select ${COLUMNS} from quick_replies where id = ? for update`,
      [id],
    );
    this.scope.assertIn(permission, row?.department_id ?? null, `quick reply ${id}`);
    if (!row) throw new NotFoundException(`quick reply ${id} not found`);
    return row;
  }

  /** A taken shortcut is a 409 naming it, not a database error. */
  private async unique<T>(shortcut: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw new ConflictException(`shortcut: "${shortcut}" is already used in this department`);
      throw error;
    }
  }

  private record(
    em: EntityManager,
    action: string,
    row: QuickReplyRow,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      { action, targetType: 'quick_reply', targetId: row.id, departmentId: row.department_id, details },
      em,
    );
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(work);
  }
}
