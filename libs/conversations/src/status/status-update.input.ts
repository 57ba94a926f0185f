import { MessageError } from '../entities/message.entity';
import { MetaStatus } from './status-rank';

export interface StatusUpdateInput {
  /** The number the delivery named (metadata.phone_number_id): the status applies only to its messages. */
  numberId: string;
  wamid: string;
  status: MetaStatus;
  timestamp: Date;
  error?: MessageError | null;
  /** Our message id when we sent it with biz_opaque_callback_data: recovers a wamid whose send response was lost. */
  ourMessageId?: string | null;
  payload: Record<string, unknown>;
}
