import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageMediaService } from '@switchboard/conversations';
import { Response } from 'express';
import { RequirePermission } from '@switchboard/identity';
import { MediaStore } from './media-store';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/messages')
export class MediaController {
  constructor(
    private readonly messages: MessageMediaService,
    private readonly store: MediaStore,
  ) {}

  /** Served as an attachment with nosniff: customer-sent files are never rendered as our origin's HTML. */
  @Get(':id/media')
  @RequirePermission('media.read')
  @ApiOperation({ summary: 'Download the stored media of a message' })
  async media(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const media = await this.messages.visibleTo(id);
    const file =
      media?.state === 'stored' && media.storageKey ? await this.store.open(media.storageKey) : null;
    if (!media || !file) throw new NotFoundException(`message ${id} has no stored media`);
    const name = (media.filename ?? `media-${id}`).replace(/[^\w.\- ]/g, '_');
    res.setHeader('Content-Type', media.mimeType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    file.stream.pipe(res);
  }
}
