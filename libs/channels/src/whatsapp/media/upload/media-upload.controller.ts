import { Controller, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ConversationQueryService } from '@switchboard/conversations';
import { AccessScope, RequirePermission } from '@switchboard/identity';
import type { Request } from 'express';
import { MediaUploadService } from './media-upload.service';
import { acceptedMimeTypes } from './upload-rules';
import { UploadedMediaDto } from './uploaded-media.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class MediaUploadController {
  constructor(
    private readonly uploads: MediaUploadService,
    private readonly query: ConversationQueryService,
    private readonly scope: AccessScope,
  ) {}

  @Post(':id/media')
  @RequirePermission('conversations.reply')
  @HttpCode(201)
  @ApiOperation({
    summary: "Upload a file to send in a conversation (to Meta, as the conversation's number)",
    description:
      "Send the answer's `mediaId` with POST /api/conversations/{id}/messages (`type` as answered). Meta's limits per kind: image jpeg/png 5 MB, video mp4/3gpp 16 MB, audio aac/amr/mpeg/mp4/ogg 16 MB, document (txt, pdf, Office) 100 MB, sticker webp 500 KB.",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: `One file; its part's Content-Type is its MIME type, one of ${acceptedMimeTypes().join(', ')}`,
        },
      },
    },
  })
  @ApiResponse({ status: 201, type: UploadedMediaDto, description: 'Uploaded to Meta and kept' })
  @ApiResponse({ status: 400, description: 'No part named file, or a malformed multipart body' })
  @ApiResponse({ status: 403, description: 'Your role in its department may not reply' })
  @ApiResponse({ status: 404, description: 'No such conversation, or not readable by you' })
  @ApiResponse({
    status: 409,
    description: 'Conversation closed, owned by someone else (not_owner), or its number cannot send',
  })
  @ApiResponse({
    status: 413,
    description: "Over Meta's size limit for the file's kind (named in the message)",
  })
  @ApiResponse({
    status: 415,
    description: 'A MIME type WhatsApp does not take (or not multipart/form-data)',
  })
  @ApiResponse({ status: 422, description: "An empty file, or Meta refused it (Meta's reason)" })
  @ApiResponse({ status: 502, description: 'Meta could not take it now' })
  async upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<UploadedMediaDto> {
    // Visible (else 404) and repliable by this actor in its department (else 403), before a byte is read.
    const conversation = await this.query.get(id);
    this.scope.assertIn('conversations.reply', conversation?.department.id ?? null, `conversation ${id}`);
    if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
    return this.uploads.upload(conversation, req);
  }
}
