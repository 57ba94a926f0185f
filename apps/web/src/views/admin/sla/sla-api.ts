import type { SlaPolicyView } from '@switchboard/contracts';
import { http } from '../../../api/http';
import { submitted } from '../forms/refusal';
import type { CreatePolicyBody, UpdatePolicyBody } from './sla-draft';

// The document types a policy's escalations loosely; the api answers them as it validated them.
export const typed = (policy: unknown): SlaPolicyView => policy as SlaPolicyView;

export const createPolicy = async (departmentId: string, body: CreatePolicyBody): Promise<SlaPolicyView> =>
  typed(
    await submitted(() =>
      http.POST('/api/departments/{id}/sla-policies', { params: { path: { id: departmentId } }, body }),
    ),
  );

export const updatePolicy = async (id: string, body: UpdatePolicyBody): Promise<SlaPolicyView> =>
  typed(await submitted(() => http.PUT('/api/sla-policies/{id}', { params: { path: { id } }, body })));
