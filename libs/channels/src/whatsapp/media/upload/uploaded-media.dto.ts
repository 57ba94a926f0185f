import { ApiProperty } from '@nestjs/swagger';
import { UPLOAD_RULES, UploadKind } from './upload-rules';

/** The answer of POST /api/conversations/:id/media: what to send with POST /api/conversations/:id/messages. */
export class UploadedMediaDto {
  @ApiProperty({ type: String, description: "Meta's media id: send it as `media.mediaId` (valid 30 days)" })
  mediaId!: string;
  @ApiProperty({
    enum: Object.keys(UPLOAD_RULES),
    description: 'The message type to send it as, from its MIME type',
  })
  type!: UploadKind;
  @ApiProperty({ type: String, example: 'application/pdf' }) mimeType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The file name as uploaded' })
  fileName!: string | null;
  @ApiProperty({ type: Number, description: 'Bytes' }) size!: number;
}
