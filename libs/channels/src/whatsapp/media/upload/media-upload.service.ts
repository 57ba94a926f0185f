import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadGatewayException,
  ConflictException,
  Inject,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { ConversationView } from '@switchboard/contracts';
import { APP_CONFIG, AppConfig, Clock, uuidv7 } from '@switchboard/engine';
import { requestContext } from '@switchboard/identity';
import type { IncomingMessage } from 'node:http';
import { GraphClient } from '../../graph/graph-client';
import { GraphError } from '../../graph/graph-error';
import { NumberCredentials, NumberRegistry } from '../../numbers/number-registry.service';
import { MediaStore } from '../media-store';
import { addUpload } from './media-uploads.repository';
import { receiveUpload } from './receive-upload';
import type { UploadedMediaDto } from './uploaded-media.dto';

/**
 * An agent's file for a conversation: checked against Meta's limits while it arrives (onto disk, never whole in
 * memory), uploaded to Meta as the conversation's number, and kept, so the reply that sends it shows it in the
 * history. Refused up front where a reply would be (closed conversation, another owner, a number that cannot send).
 */
@Injectable()
export class MediaUploadService {
  constructor(
    private readonly numbers: NumberRegistry,
    private readonly graph: GraphClient,
    private readonly store: MediaStore,
    private readonly em: EntityManager,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(conversation: ConversationView, req: IncomingMessage): Promise<UploadedMediaDto> {
    const number = await this.sendableNumber(conversation);
    const incoming = await this.store.incomingPath();
    let adopted = false;
    try {
      const file = await receiveUpload(req, incoming, this.config.media.maxBytes);
      const fileName = file.fileName ?? `upload.${file.mimeType.split('/')[1] ?? 'bin'}`;
      const { id: mediaId } = await this.toMeta(number, {
        path: incoming,
        mimeType: file.mimeType,
        fileName,
      });
      const id = uuidv7();
      const storageKey = await this.store.adopt(id, incoming);
      adopted = true;
      const actor = requestContext.actor();
      await addUpload(this.em, {
        id,
        conversationId: conversation.id,
        numberId: number.id,
        metaMediaId: mediaId,
        kind: file.kind,
        mimeType: file.mimeType,
        fileName: file.fileName,
        size: file.size,
        sha256: file.sha256,
        storageKey,
        uploadedBy: actor?.type === 'user' ? actor.id : null,
        createdAt: this.clock.now(),
      });
      return { mediaId, type: file.kind, mimeType: file.mimeType, fileName: file.fileName, size: file.size };
    } finally {
      if (!adopted) await this.store.discard(incoming);
    }
  }

  /** The reply's own refusals, before a byte is read: nothing is uploaded that could not be sent. */
  private async sendableNumber(conversation: ConversationView): Promise<NumberCredentials> {
    if (conversation.status !== 'open')
      throw new ConflictException('conversation is closed: reopen it before sending a file');
    const actor = requestContext.actor();
    const owner = conversation.owner;
    if (owner && !(actor?.type === 'user' && actor.id === owner.id))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'not_owner',
        ownerUserId: owner.id,
        message: `conversation ${conversation.id} is owned by ${owner.name}: only the owner sends files; a supervisor can take it over`,
      });
    const number = await this.numbers.byId(conversation.numberId);
    if (!number) throw new ConflictException("the conversation's WhatsApp number is no longer registered");
    if (number.archived || number.disabled)
      throw new ConflictException(
        `WhatsApp number ${number.phoneNumberId} is ${number.archived ? 'archived' : 'disabled'}: nothing can be sent from it`,
      );
    if (number.health === 'token_invalid')
      throw new ConflictException(
        `WhatsApp number ${number.phoneNumberId} needs a new access token (Meta rejected the current one with error 190)`,
      );
    return number;
  }

  /** Meta's refusal of the file is the agent's to fix (422); anything else is Meta's side (502). */
  private async toMeta(
    number: NumberCredentials,
    file: { path: string; mimeType: string; fileName: string },
  ): Promise<{ id: string }> {
    try {
      return await this.graph.uploadMedia(number, file);
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      if (e.kind === 'fail')
        throw new UnprocessableEntityException(`file: Meta refused the upload: ${e.message}`);
      if (e.kind === 'token_invalid')
        throw new ConflictException(
          `WhatsApp number ${number.phoneNumberId} needs a new access token (Meta rejected the current one with error 190)`,
        );
      throw new BadGatewayException(`Meta could not take the upload now, try again: ${e.message}`);
    }
  }
}
