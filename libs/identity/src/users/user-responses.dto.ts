import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreatedUserView, IssuedLinkView } from '@switchboard/contracts';
import { UserDto } from '../auth/auth-responses.dto';

// OpenAPI response schemas of the user admin routes (the user itself is the auth routes' UserDto). Each class
// implements its contract, so a field changed there fails the build here.

export class IssuedLinkDto implements IssuedLinkView {
  @ApiProperty({ type: String }) token!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String }) path!: string;
}

export class CreatedUserDto extends UserDto implements CreatedUserView {
  @ApiPropertyOptional({ type: () => IssuedLinkDto, description: 'Only when invited (no password given)' })
  invitation?: IssuedLinkDto;
}

export class RevokedSessionsDto {
  @ApiProperty({ type: Number }) revoked!: number;
}
